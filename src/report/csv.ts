/** CSV writing (RFC 4180): a header row, fields quoted when they hold a comma, quote or line break. */

/** A cell value as exported: text, a number, true/false, or empty for null. */
export type Cell = string | number | boolean | null;

/** One field as CSV text. */
export function csvField(value: Cell): string {
  if (value === null) return "";
  const text = String(value);
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Rows of records under `fields`, CRLF line ends as the RFC asks. */
export function toCsv(fields: readonly string[], records: readonly Readonly<Record<string, Cell>>[]): string {
  const lines = [fields.map(csvField).join(","), ...records.map((r) => fields.map((f) => csvField(r[f] ?? null)).join(","))];
  return `${lines.join("\r\n")}\r\n`;
}
