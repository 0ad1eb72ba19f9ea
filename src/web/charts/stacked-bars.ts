// A vertical stacked bar chart as SVG: one bar per category (a week), one segment per series
// (a severity). Pure: data in, markup out. Every text is escaped; the page puts a data table beside it.
import { escapeHtml } from '../render/escape.ts';
import { axisTicks, formatNumber, px, scaleLinear } from './scale.ts';
import { svgChart } from './svg-frame.ts';

/** One stacked series: a label, its colour and a value per category. */
export interface StackSeries {
  readonly label: string;
  readonly colour: string;
  readonly values: readonly number[];
}

/** What the chart shows. */
export interface StackedBarsInput {
  /** Unique within the page: the SVG's title and description ids derive from it. */
  readonly id: string;
  readonly title: string;
  readonly description: string;
  readonly categories: readonly string[];
  readonly series: readonly StackSeries[];
  readonly yAxisLabel: string;
}

/** A drawn segment, exposed for tests. */
export interface Segment {
  readonly category: number;
  readonly series: number;
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  readonly value: number;
}

const WIDTH = 720;
const HEIGHT = 320;
const MARGIN = { top: 16, right: 12, bottom: 44, left: 56 };
const PLOT_W = WIDTH - MARGIN.left - MARGIN.right;
const PLOT_H = HEIGHT - MARGIN.top - MARGIN.bottom;

/** The geometry: ticks and one rectangle per non-zero value, stacked bottom-up in series order. */
export const stackedBarLayout = (input: StackedBarsInput): { ticks: number[]; segments: Segment[]; band: number } => {
  const totals = input.categories.map((_, c) => input.series.reduce((sum, s) => sum + (s.values[c] ?? 0), 0));
  const ticks = axisTicks(Math.max(0, ...totals), 5, true);
  const top = ticks.at(-1) ?? 1;
  const height = scaleLinear(top, PLOT_H);
  const band = PLOT_W / Math.max(1, input.categories.length);
  const barWidth = Math.max(2, band * 0.7);
  const segments: Segment[] = [];
  input.categories.forEach((_, c) => {
    let base = 0;
    input.series.forEach((series, s) => {
      const value = series.values[c] ?? 0;
      if (value <= 0) return;
      const y0 = height(base);
      const y1 = height(base + value);
      segments.push({
        category: c,
        series: s,
        x: px(MARGIN.left + c * band + (band - barWidth) / 2),
        y: px(MARGIN.top + PLOT_H - y1),
        width: px(barWidth),
        height: px(y1 - y0),
        value,
      });
      base += value;
    });
  });
  return { ticks, segments, band };
};

/** The chart as an SVG element (role img, titled and described for screen readers). */
export const stackedBarChart = (input: StackedBarsInput): string => {
  const { ticks, segments, band } = stackedBarLayout(input);
  const top = ticks.at(-1) ?? 1;
  const y = (value: number) => px(MARGIN.top + PLOT_H - scaleLinear(top, PLOT_H)(value));
  const grid = ticks
    .map(
      (tick) =>
        `<line x1="${MARGIN.left}" x2="${WIDTH - MARGIN.right}" y1="${y(tick)}" y2="${y(tick)}" stroke="#b1b4b6" stroke-width="1"/>` +
        `<text x="${MARGIN.left - 8}" y="${y(tick)}" dy="0.32em" text-anchor="end" font-size="14" fill="#0b0c0c">${formatNumber(tick)}</text>`,
    )
    .join('');
  // Label as many categories as fit (about one per 60 units), always the first.
  const every = Math.max(1, Math.ceil(60 / band));
  const labels = input.categories
    .map((label, c) =>
      c % every === 0
        ? `<text x="${px(MARGIN.left + c * band + band / 2)}" y="${HEIGHT - MARGIN.bottom + 20}" text-anchor="middle" font-size="13" fill="#0b0c0c">${escapeHtml(label)}</text>`
        : '',
    )
    .join('');
  const bars = segments
    .map((segment) => {
      const series = input.series[segment.series];
      const tip = `${input.categories[segment.category] ?? ''}: ${segment.value} ${series?.label ?? ''}`;
      return `<rect x="${segment.x}" y="${segment.y}" width="${segment.width}" height="${segment.height}" fill="${escapeHtml(series?.colour ?? '#505a5f')}" stroke="#ffffff" stroke-width="1"><title>${escapeHtml(tip)}</title></rect>`;
    })
    .join('');
  return svgChart({ id: input.id, title: input.title, description: input.description, width: WIDTH, height: HEIGHT }, [
    grid,
    bars,
    `<line x1="${MARGIN.left}" x2="${WIDTH - MARGIN.right}" y1="${y(0)}" y2="${y(0)}" stroke="#0b0c0c" stroke-width="2"/>`,
    labels,
    `<text transform="translate(14 ${px(MARGIN.top + PLOT_H / 2)}) rotate(-90)" text-anchor="middle" font-size="14" fill="#0b0c0c">${escapeHtml(input.yAxisLabel)}</text>`,
  ]);
};
