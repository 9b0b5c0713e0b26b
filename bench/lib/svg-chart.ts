/**
 * A small line chart as a standalone SVG document: one or more panels stacked vertically, each
 * with its own axes and one line per series, and one legend for all. Enough for benchmark
 * reports (rates over time); no dependency, so a report renders the same wherever it is run.
 *
 * @example
 * const svg = renderLineCharts([{ title: 'Broadcast', series: [{ name: 'queue', values: [30, 29, 30] }] }], {
 *   xLabel: 'seconds', yLabel: 'messages/s',
 * });
 */

/** One line: `values[i]` is plotted at x = i * xStep. */
export interface ChartSeries {
  name: string;
  values: readonly number[];
}

/** A horizontal dashed line across a panel, such as a limit. */
export interface ReferenceLine {
  value: number;
  label: string;
}

export interface ChartPanel {
  title: string;
  series: readonly ChartSeries[];
  reference?: ReferenceLine;
}

export interface LineChartOptions {
  xLabel: string;
  yLabel: string;
  /** Title above all panels [none]. */
  title?: string;
  /** x distance between two values of a series [1]. */
  xStep?: number;
  /** Width of the document in px [960]. */
  width?: number;
  /** Height of one panel's plot area in px [260]. */
  plotHeight?: number;
}

/** Colours that stay apart for readers with the common colour-vision deficiencies (Okabe-Ito). */
const PALETTE = ['#0072B2', '#E69F00', '#009E73', '#D55E00', '#CC79A7', '#56B4E9', '#000000', '#F0E442'];

const MARGIN = { left: 64, right: 24, top: 34, bottom: 44 };
const LEGEND_ROW = 20;

/** Renders `panels` into one SVG document (a string starting with `<svg`). */
export function renderLineCharts(panels: readonly ChartPanel[], options: LineChartOptions): string {
  const width = options.width ?? 960;
  const plotHeight = options.plotHeight ?? 260;
  const xStep = options.xStep ?? 1;
  const plotWidth = width - MARGIN.left - MARGIN.right;
  const names = [...new Set(panels.flatMap((panel) => panel.series.map((s) => s.name)))];
  const colorOf = (name: string) => PALETTE[names.indexOf(name) % PALETTE.length] as string;

  const head = options.title ? 30 : 8;
  const legendRows = Math.ceil(names.length / 4);
  const legendTop = head;
  const panelsTop = legendTop + legendRows * LEGEND_ROW + 8;
  const panelHeight = MARGIN.top + plotHeight + MARGIN.bottom;
  const height = panelsTop + panels.length * panelHeight;

  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="system-ui, -apple-system, 'Segoe UI', sans-serif" font-size="12">`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
  ];
  if (options.title) parts.push(text(width / 2, 20, options.title, { anchor: 'middle', size: 15, weight: 'bold' }));
  names.forEach((name, i) => {
    const x = MARGIN.left + (i % 4) * (plotWidth / 4);
    const y = legendTop + Math.floor(i / 4) * LEGEND_ROW + 12;
    parts.push(`<line x1="${x}" y1="${y - 4}" x2="${x + 22}" y2="${y - 4}" stroke="${colorOf(name)}" stroke-width="2.5"/>`);
    parts.push(text(x + 28, y, name));
  });

  panels.forEach((panel, index) => {
    const top = panelsTop + index * panelHeight + MARGIN.top;
    parts.push(...renderPanel(panel, { top, plotWidth, plotHeight, xStep, colorOf, xLabel: options.xLabel, yLabel: options.yLabel }));
  });
  parts.push('</svg>');
  return `${parts.join('\n')}\n`;
}

interface PanelLayout {
  top: number;
  plotWidth: number;
  plotHeight: number;
  xStep: number;
  colorOf: (name: string) => string;
  xLabel: string;
  yLabel: string;
}

function renderPanel(panel: ChartPanel, layout: PanelLayout): string[] {
  const { top, plotWidth, plotHeight, xStep, colorOf } = layout;
  const left = MARGIN.left;
  const bottom = top + plotHeight;
  const longest = Math.max(1, ...panel.series.map((s) => s.values.length));
  const xMax = niceCeiling(Math.max(xStep, (longest - 1) * xStep));
  const yMax = niceCeiling(Math.max(1, ...panel.series.flatMap((s) => s.values), (panel.reference?.value ?? 0) * 1.1));
  const px = (x: number) => left + (x / xMax) * plotWidth;
  const py = (y: number) => bottom - (y / yMax) * plotHeight;

  const out: string[] = [text(left, top - 12, panel.title, { size: 13, weight: 'bold' })];
  const yStep = tickStep(yMax);
  for (let y = 0; y <= yMax + 1e-9; y += yStep) {
    out.push(`<line x1="${left}" y1="${fmt(py(y))}" x2="${left + plotWidth}" y2="${fmt(py(y))}" stroke="#e5e5e5"/>`);
    out.push(text(left - 8, py(y) + 4, formatTick(y), { anchor: 'end', color: '#555555' }));
  }
  const xTick = tickStep(xMax);
  for (let x = 0; x <= xMax + 1e-9; x += xTick) {
    out.push(`<line x1="${fmt(px(x))}" y1="${bottom}" x2="${fmt(px(x))}" y2="${bottom + 5}" stroke="#555555"/>`);
    out.push(text(px(x), bottom + 18, formatTick(x), { anchor: 'middle', color: '#555555' }));
  }
  out.push(`<line x1="${left}" y1="${bottom}" x2="${left + plotWidth}" y2="${bottom}" stroke="#555555"/>`);
  out.push(`<line x1="${left}" y1="${top}" x2="${left}" y2="${bottom}" stroke="#555555"/>`);
  out.push(text(left + plotWidth / 2, bottom + 36, layout.xLabel, { anchor: 'middle' }));
  out.push(text(left - 46, top + plotHeight / 2, layout.yLabel, { anchor: 'middle', rotate: true }));

  if (panel.reference) {
    const y = fmt(py(panel.reference.value));
    out.push(`<line x1="${left}" y1="${y}" x2="${left + plotWidth}" y2="${y}" stroke="#888888" stroke-dasharray="6 4"/>`);
    out.push(text(left + plotWidth - 4, py(panel.reference.value) - 5, panel.reference.label, { anchor: 'end', color: '#666666' }));
  }
  for (const series of panel.series) {
    if (series.values.length === 0) continue;
    if (series.values.length === 1) {
      // A line needs two points; a single value is drawn as a dot.
      out.push(
        `<circle cx="${fmt(px(0))}" cy="${fmt(py(series.values[0] as number))}" r="3" fill="${colorOf(series.name)}"><title>${escapeXml(series.name)}</title></circle>`,
      );
      continue;
    }
    const points = series.values.map((v, i) => `${fmt(px(i * xStep))},${fmt(py(v))}`).join(' ');
    out.push(
      `<polyline fill="none" stroke="${colorOf(series.name)}" stroke-width="1.8" stroke-linejoin="round" points="${points}"><title>${escapeXml(series.name)}</title></polyline>`,
    );
  }
  return out;
}

/** `value` rounded up to a whole number of tick steps, so the axis ends on a tick. */
function niceCeiling(value: number): number {
  const step = tickStep(value);
  return Math.ceil(value / step - 1e-9) * step;
}

/** A tick spacing of 1, 2 or 5 times a power of ten giving four to eight ticks up to `max`. */
function tickStep(max: number): number {
  const rough = max / 8;
  const power = 10 ** Math.floor(Math.log10(rough));
  const scaled = rough / power;
  return (scaled <= 1 ? 1 : scaled <= 2 ? 2 : scaled <= 5 ? 5 : 10) * power;
}

function formatTick(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(1);
}

function fmt(value: number): string {
  return (Math.round(value * 10) / 10).toString();
}

function text(
  x: number,
  y: number,
  content: string,
  style: { anchor?: 'start' | 'middle' | 'end'; size?: number; weight?: string; color?: string; rotate?: boolean } = {},
): string {
  const attributes = [
    `x="${fmt(x)}"`,
    `y="${fmt(y)}"`,
    style.anchor && style.anchor !== 'start' ? `text-anchor="${style.anchor}"` : '',
    style.size ? `font-size="${style.size}"` : '',
    style.weight ? `font-weight="${style.weight}"` : '',
    `fill="${style.color ?? '#222222'}"`,
    style.rotate ? `transform="rotate(-90 ${fmt(x)} ${fmt(y)})"` : '',
  ].filter(Boolean);
  return `<text ${attributes.join(' ')}>${escapeXml(content)}</text>`;
}

function escapeXml(value: string): string {
  return value.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c] as string);
}
