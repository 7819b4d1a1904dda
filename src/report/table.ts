/** Plain-text tables for the terminal: aligned columns, long cells cut with an ellipsis. */
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
 * stay aligned when the writer would otherwise have lengthened a cell afterwards.
 */
export function table(columns: readonly Column[], rows: readonly (readonly string[])[]): string {
  const cut = (text: string, max: number | undefined): string => {
    const flat = terminalText(text).replace(/\s+/g, " ");
    if (max === undefined || flat.length <= max) return flat;
    // Never cut an escape in half (`\u00…`): end before it instead.
    return `${flat.slice(0, max - 1).replace(/\\(u[0-9a-f]{0,3})?$/, "")}…`;
  };
  const cells = rows.map((r) => columns.map((c, i) => cut(r[i] ?? "", c.max)));
  const widths = columns.map((c, i) => Math.max(c.header.length, ...cells.map((r) => (r[i] ?? "").length)));
  const line = (r: readonly string[]): string =>
    r
      .map((cell, i) => (columns[i]?.align === "right" ? cell.padStart(widths[i] ?? 0) : cell.padEnd(widths[i] ?? 0)))
      .join("  ")
      .trimEnd();
  return `${[line(columns.map((c) => c.header)), ...cells.map(line)].join("\n")}\n`;
}

/** A score as text: 3 decimals, or "-" when there is none. */
export function fmtScore(score: number | null | undefined): string {
  return score === null || score === undefined ? "-" : score.toFixed(3);
}
