/**
 * Three chart kinds drawn as inline SVG strings (no script, no network): lines over a numeric x axis,
 * bars over categories with optional interval whiskers, and groups of such bars side by side. Every data mark has class `mark` and a
 * `<title>` tooltip, so a browser (and the report's test) can find and inspect it.
 */
import { esc } from "./escape.js";
import { fmtTick, linear, type Scale } from "./scale.js";

const W = 720;
const H = 300;
const M = { top: 16, right: 20, bottom: 48, left: 60 };

/** One point of a line; `title` is its tooltip. */
export interface Point {
  readonly x: number;
  readonly y: number;
  readonly title: string;
}

/** One line of a line chart. */
export interface Series {
  readonly name: string;
  readonly color: string;
  readonly points: readonly Point[];
  /** Stroke width (the winner's line is drawn thicker). @default 1.5 */
  readonly width?: number;
  /** Draw a dot at every point. @default true */
  readonly dots?: boolean;
}

/** What a line chart shows. */
export interface LineChartSpec {
  readonly label: string;
  readonly xLabel: string;
  readonly yLabel: string;
  readonly xDomain: readonly [number, number];
  readonly yDomain: readonly [number, number];
  /** Category labels at integer x positions instead of numeric ticks. */
  readonly xCategories?: readonly string[];
  readonly series: readonly Series[];
}

/** A line chart. */
export function lineChart(spec: LineChartSpec): string {
  const x = linear(spec.xDomain, [M.left, W - M.right]);
  const y = linear(spec.yDomain, [H - M.bottom, M.top]);
  const parts: string[] = [grid(x, y, spec.xCategories), axisLabels(spec.xLabel, spec.yLabel)];
  for (const s of spec.series) {
    const width = s.width ?? 1.5;
    if (s.points.length > 1) {
      const d = s.points.map((p, i) => `${i === 0 ? "M" : "L"}${x(p.x).toFixed(1)},${y(p.y).toFixed(1)}`).join("");
      parts.push(`<path class="mark line" d="${d}" fill="none" stroke="${s.color}" stroke-width="${width}"><title>${esc(s.name)}</title></path>`);
    }
    if (s.dots ?? true) {
      for (const p of s.points) {
        parts.push(
          `<circle class="mark dot" cx="${x(p.x).toFixed(1)}" cy="${y(p.y).toFixed(1)}" r="${width > 2 ? 4.5 : 3.5}" fill="${s.color}"><title>${esc(p.title)}</title></circle>`,
        );
      }
    }
  }
  return svg(spec.label, parts);
}

/** One bar, with an optional interval drawn as a whisker. */
export interface Bar {
  readonly label: string;
  readonly value: number;
  readonly low?: number | undefined;
  readonly high?: number | undefined;
  readonly color: string;
  readonly title: string;
}

/** What a bar chart shows. */
export interface BarChartSpec {
  readonly label: string;
  readonly xLabel: string;
  readonly yLabel: string;
  readonly yDomain: readonly [number, number];
  readonly bars: readonly Bar[];
}

/** A bar chart over categories; bars rise from the bottom of the y domain. */
export function barChart(spec: BarChartSpec): string {
  const n = Math.max(1, spec.bars.length);
  const band = (W - M.left - M.right) / n;
  const y = linear(spec.yDomain, [H - M.bottom, M.top]);
  const parts: string[] = [yGrid(y), axisLabels(spec.xLabel, spec.yLabel)];
  const base = y(y.domain[0]);
  spec.bars.forEach((b, i) => {
    const left = M.left + i * band + band * 0.2;
    const width = band * 0.6;
    const top = Math.min(base - 1, y(b.value));
    parts.push(barMark(b, left, width, y, base));
    // The value sits inside a tall bar (above a short one), beside the whisker rather than on it.
    const inside = base - top > 22;
    parts.push(
      `<text class="value${inside ? " inside" : ""}" x="${(left + 6).toFixed(1)}" y="${(inside ? top + 15 : top - 4).toFixed(1)}">${esc(b.value.toFixed(3))}</text>`,
    );
    parts.push(
      `<text class="tick" x="${(left + width / 2).toFixed(1)}" y="${H - M.bottom + 16}" text-anchor="middle">${esc(cut(b.label, Math.max(6, Math.floor(band / 7))))}</text>`,
    );
  });
  return svg(spec.label, parts);
}

/** A group of bars drawn side by side over one category; `href` makes the category a link. */
export interface BarGroup {
  readonly label: string;
  readonly href?: string | undefined;
  readonly bars: readonly Bar[];
}

/** What a grouped bar chart shows (e.g. ape against the human reference, per task). */
export interface GroupedBarChartSpec extends Omit<BarChartSpec, "bars"> {
  readonly groups: readonly BarGroup[];
}

/**
 * Bars grouped by category, with whiskers; a group with an `href` links its bars and label there.
 * Category labels are slanted (many tasks fit) and cut to 12 characters; the bars' tooltips say the rest.
 */
export function groupedBarChart(spec: GroupedBarChartSpec): string {
  const band = (W - M.left - M.right) / Math.max(1, spec.groups.length);
  const y = linear(spec.yDomain, [H - M.bottom, M.top]);
  const base = y(y.domain[0]);
  const parts: string[] = [yGrid(y), axisLabels(spec.xLabel, spec.yLabel)];
  spec.groups.forEach((g, i) => {
    const width = (band * 0.8) / Math.max(1, g.bars.length);
    const marks = g.bars.map((b, k) => barMark(b, M.left + i * band + band * 0.1 + k * width, width * 0.9, y, base));
    const x = M.left + i * band + band / 2;
    const text = `<text class="tick" x="${x.toFixed(1)}" y="${H - M.bottom + 12}" text-anchor="end" transform="rotate(-30 ${x.toFixed(1)} ${H - M.bottom + 12})">${esc(cut(g.label, 12))}</text>`;
    const group = marks.join("") + text;
    parts.push(g.href ? `<a href="${esc(g.href)}">${group}</a>` : group);
  });
  return svg(spec.label, parts);
}

/** One bar from `base` up to its value at `left`, `width` wide, with its interval as a capped whisker. */
function barMark(b: Bar, left: number, width: number, y: Scale, base: number): string {
  const top = Math.min(base - 1, y(b.value));
  const rect = `<rect class="mark bar" x="${left.toFixed(1)}" y="${top.toFixed(1)}" width="${width.toFixed(1)}" height="${(base - top).toFixed(1)}" fill="${b.color}"><title>${esc(b.title)}</title></rect>`;
  if (b.low === undefined || b.high === undefined) return rect;
  const cx = (left + width / 2).toFixed(1);
  const cap = `h${(width * 0.3).toFixed(1)}`;
  const capX = (left + width * 0.35).toFixed(1);
  return `${rect}<path class="whisker" d="M${cx},${y(b.low).toFixed(1)}V${y(b.high).toFixed(1)}M${capX},${y(b.low).toFixed(1)}${cap}M${capX},${y(b.high).toFixed(1)}${cap}" stroke="#222" stroke-width="1.2" fill="none"/>`;
}

/** A chart with nothing to draw, saying why. */
export function emptyChart(label: string, why: string): string {
  return svg(label, [`<text class="empty" x="${W / 2}" y="${H / 2}" text-anchor="middle">${esc(why)}</text>`]);
}

function svg(label: string, parts: readonly string[]): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-label="${esc(label)}">${parts.join("")}</svg>`;
}

function grid(x: Scale, y: Scale, categories: readonly string[] | undefined): string {
  const xs = categories ? categories.map((_, i) => i) : x.ticks;
  const xl = xs
    .map((v) => {
      const px = x(v).toFixed(1);
      const label = categories ? (categories[v] ?? "") : fmtTick(v);
      return `<line class="grid" x1="${px}" x2="${px}" y1="${M.top}" y2="${H - M.bottom}"/><text class="tick" x="${px}" y="${H - M.bottom + 16}" text-anchor="middle">${esc(label)}</text>`;
    })
    .join("");
  return yGrid(y) + xl;
}

function yGrid(y: Scale): string {
  return y.ticks
    .map((v) => {
      const py = y(v).toFixed(1);
      return `<line class="grid" x1="${M.left}" x2="${W - M.right}" y1="${py}" y2="${py}"/><text class="tick" x="${M.left - 6}" y="${py}" dy="0.32em" text-anchor="end">${esc(fmtTick(v))}</text>`;
    })
    .join("");
}

function axisLabels(xLabel: string, yLabel: string): string {
  return (
    `<text class="axis" x="${(M.left + W - M.right) / 2}" y="${H - 8}" text-anchor="middle">${esc(xLabel)}</text>` +
    `<text class="axis" transform="translate(14 ${(M.top + H - M.bottom) / 2}) rotate(-90)" text-anchor="middle">${esc(yLabel)}</text>`
  );
}

function cut(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
