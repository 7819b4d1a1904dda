/** Plain-text tables for the terminal: aligned columns, long cells cut with an ellipsis. */
import stringWidth from "string-width";
import { terminalText } from "./terminal-text.js";

/** A column: its header, and whether numbers are right-aligned. */
export interface Column {
  readonly header: string;
  readonly align?: "left" | "right";
  /** Widest the column may be; longer cells are cut. */
  readonly max?: number;
}

/**
 * Render rows under headers, two spaces between columns. A cell is one line (line breaks and tabs
 * become spaces) with its control characters escaped before its width is measured, so the columns
 * stay aligned when the writer would otherwise have lengthened a cell afterwards. Widths are the
 * terminal's columns: a CJK character or an emoji takes two, a combining mark none.
 */
export function table(columns: readonly Column[], rows: readonly (readonly string[])[]): string {
  const cells = rows.map((r) => columns.map((c, i) => cut(terminalText(r[i] ?? "").replace(/\s+/g, " "), c.max)));
  const widths = columns.map((c, i) => Math.max(stringWidth(c.header), ...cells.map((r) => stringWidth(r[i] ?? ""))));
  const pad = (cell: string, i: number): string => {
    const room = " ".repeat(Math.max(0, (widths[i] ?? 0) - stringWidth(cell)));
    return columns[i]?.align === "right" ? room + cell : cell + room;
  };
  const line = (r: readonly string[]): string => r.map(pad).join("  ").trimEnd();
  return `${[line(columns.map((c) => c.header)), ...cells.map(line)].join("\n")}\n`;
}

/** Made when a cell is first cut: building a segmenter loads ICU's break rules (milliseconds a command's start does without). */
let graphemes: Intl.Segmenter | undefined;

/** `text` within `max` columns: cut after whole characters, with an ellipsis, and never in the middle of an escape (`\u00…`). */
function cut(text: string, max: number | undefined): string {
  if (max === undefined || stringWidth(text) <= max) return text;
  let kept = "";
  let width = 0;
  graphemes ??= new Intl.Segmenter(undefined, { granularity: "grapheme" });
  for (const { segment } of graphemes.segment(text)) {
    const w = stringWidth(segment);
    if (width + w > max - 1) break;
    kept += segment;
    width += w;
  }
  return `${kept.replace(/\\(u[0-9a-f]{0,3})?$/, "")}…`;
}

/** A score as text: 3 decimals, or "-" when there is none. */
export function fmtScore(score: number | null | undefined): string {
  return score === null || score === undefined ? "-" : score.toFixed(3);
}
