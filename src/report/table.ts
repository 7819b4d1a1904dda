/** Plain-text tables for the terminal: aligned columns, long cells cut with an ellipsis. */

/** A column: its header, and whether numbers are right-aligned. */
export interface Column {
  readonly header: string;
  readonly align?: "left" | "right";
  /** Widest the column may be; longer cells are cut. */
  readonly max?: number;
}

/** Render rows under headers, two spaces between columns. */
export function table(columns: readonly Column[], rows: readonly (readonly string[])[]): string {
  const cut = (text: string, max: number | undefined): string => {
    const flat = text.replace(/\s+/g, " ");
    return max !== undefined && flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
  };
  const cells = rows.map((r) => columns.map((c, i) => cut(r[i] ?? "", c.max)));
  const widths = columns.map((c, i) => Math.max(c.header.length, ...cells.map((r) => (r[i] ?? "").length)));
  const line = (r: readonly string[]): string =>
    r
      .map((cell, i) => (columns[i]?.align === "right" ? cell.padStart(widths[i] ?? 0) : cell.padEnd(widths[i] ?? 0)))
      .join("  ")
      .trimEnd();
  return [line(columns.map((c) => c.header)), ...cells.map(line)].join("\n") + "\n";
}

/** A score as text: 3 decimals, or "-" when there is none. */
export function fmtScore(score: number | null | undefined): string {
  return score === null || score === undefined ? "-" : score.toFixed(3);
}
