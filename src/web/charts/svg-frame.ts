// The frame every chart shares: an accessible SVG (role img, labelled by its own title and
// description) around the chart's parts. Every text is escaped here or by the chart.
import { escapeHtml } from '../render/escape.ts';

/** What names a chart for screen readers, and its size. */
export interface ChartFrame {
  /** Unique within the page: the title and description ids derive from it. */
  readonly id: string;
  readonly title: string;
  readonly description: string;
  readonly width: number;
  readonly height: number;
}

/** The chart's markup: its parts (already SVG) inside the labelled frame. */
export const svgChart = (frame: ChartFrame, parts: readonly string[]): string => {
  const id = escapeHtml(frame.id);
  return [
    `<svg class="app-chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${frame.width} ${frame.height}" role="img" aria-labelledby="${id}-title ${id}-desc" focusable="false">`,
    `<title id="${id}-title">${escapeHtml(frame.title)}</title>`,
    `<desc id="${id}-desc">${escapeHtml(frame.description)}</desc>`,
    ...parts,
    '</svg>',
  ].join('');
};
