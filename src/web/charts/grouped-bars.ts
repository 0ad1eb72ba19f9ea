// A horizontal grouped bar chart as SVG: one group per row label (a severity), one bar per series
// (p50, p90). Missing values (no incidents) are said in words, not drawn as zero.
import { escapeHtml } from '../render/escape.ts';
import { axisTicks, formatNumber, px, scaleLinear } from './scale.ts';
import { svgChart } from './svg-frame.ts';

/** One row of bars. */
export interface BarGroup {
  readonly label: string;
  /** One value per series, in the chart's unit; null when there is nothing to measure. */
  readonly values: readonly (number | null)[];
}

/** What the chart shows. */
export interface GroupedBarsInput {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  readonly groups: readonly BarGroup[];
  readonly series: readonly { readonly label: string; readonly colour: string }[];
  /** The x axis title, with its unit: "Hours". */
  readonly xAxisLabel: string;
}

/** A drawn bar, exposed for tests. */
export interface Bar {
  readonly group: number;
  readonly series: number;
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  readonly value: number;
}

const WIDTH = 720;
const MARGIN = { top: 12, right: 64, bottom: 48, left: 110 };
const BAR_H = 16;
const GAP = 4;
const GROUP_GAP = 14;
const PLOT_W = WIDTH - MARGIN.left - MARGIN.right;

/** The geometry: ticks, the chart height and one bar per non-null value. */
export const groupedBarLayout = (input: GroupedBarsInput): { ticks: number[]; bars: Bar[]; height: number } => {
  const values = input.groups.flatMap((group) => group.values.filter((v): v is number => v !== null));
  const ticks = axisTicks(Math.max(0, ...values), 5);
  const top = ticks.at(-1) ?? 1;
  const width = scaleLinear(top, PLOT_W);
  const groupH = input.series.length * (BAR_H + GAP) - GAP;
  const bars: Bar[] = [];
  input.groups.forEach((group, g) => {
    group.values.forEach((value, s) => {
      if (value === null) return;
      bars.push({
        group: g,
        series: s,
        x: MARGIN.left,
        y: MARGIN.top + g * (groupH + GROUP_GAP) + s * (BAR_H + GAP),
        width: px(Math.max(value > 0 ? 1 : 0, width(value))),
        height: BAR_H,
        value,
      });
    });
  });
  const height = MARGIN.top + input.groups.length * (groupH + GROUP_GAP) - GROUP_GAP + MARGIN.bottom;
  return { ticks, bars, height };
};

/** The chart as an SVG element (role img, titled and described for screen readers). */
export const groupedBarChart = (input: GroupedBarsInput): string => {
  const { ticks, bars, height } = groupedBarLayout(input);
  const top = ticks.at(-1) ?? 1;
  const x = (value: number) => px(MARGIN.left + scaleLinear(top, PLOT_W)(value));
  const plotBottom = height - MARGIN.bottom;
  const groupH = input.series.length * (BAR_H + GAP) - GAP;
  const grid = ticks
    .map(
      (tick) =>
        `<line x1="${x(tick)}" x2="${x(tick)}" y1="${MARGIN.top}" y2="${plotBottom}" stroke="#b1b4b6" stroke-width="1"/>` +
        `<text x="${x(tick)}" y="${plotBottom + 18}" text-anchor="middle" font-size="13" fill="#0b0c0c">${formatNumber(tick)}</text>`,
    )
    .join('');
  const labels = input.groups
    .map((group, g) => {
      const middle = px(MARGIN.top + g * (groupH + GROUP_GAP) + groupH / 2);
      const none = group.values.every((v) => v === null)
        ? `<text x="${MARGIN.left + 6}" y="${middle}" dy="0.32em" font-size="13" fill="#505a5f">No incidents</text>`
        : '';
      return `<text x="${MARGIN.left - 8}" y="${middle}" dy="0.32em" text-anchor="end" font-size="14" fill="#0b0c0c">${escapeHtml(group.label)}</text>${none}`;
    })
    .join('');
  const drawn = bars
    .map((bar) => {
      const series = input.series[bar.series];
      const group = input.groups[bar.group];
      const text = formatNumber(Math.round(bar.value * 10) / 10);
      return (
        `<rect x="${bar.x}" y="${bar.y}" width="${bar.width}" height="${bar.height}" fill="${escapeHtml(series?.colour ?? '#505a5f')}"><title>${escapeHtml(`${group?.label ?? ''} ${series?.label ?? ''}: ${text}`)}</title></rect>` +
        `<text x="${px(bar.x + bar.width + 4)}" y="${px(bar.y + bar.height / 2)}" dy="0.32em" font-size="12" fill="#0b0c0c">${escapeHtml(text)}</text>`
      );
    })
    .join('');
  return svgChart({ id: input.id, title: input.title, description: input.description, width: WIDTH, height: height }, [
    grid,
    drawn,
    `<line x1="${MARGIN.left}" x2="${MARGIN.left}" y1="${MARGIN.top}" y2="${plotBottom}" stroke="#0b0c0c" stroke-width="2"/>`,
    labels,
    `<text x="${px(MARGIN.left + PLOT_W / 2)}" y="${height - 8}" text-anchor="middle" font-size="14" fill="#0b0c0c">${escapeHtml(input.xAxisLabel)}</text>`,
  ]);
};
