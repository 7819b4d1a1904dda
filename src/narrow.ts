/** Narrowing values of unknown shape (parsed JSON, stored settings) without casts. */

/** A JSON object (not null, not a list). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A list whose items are still to be checked one by one. */
export function isList(value: unknown): value is readonly unknown[] {
  return Array.isArray(value);
}

/** The items of a stored JSON list (a column such as `candidates.history`); none when `text` is null, not JSON, or not a list. */
export function storedList(text: string | null): readonly unknown[] {
  if (!text) return [];
  try {
    const parsed: unknown = JSON.parse(text);
    return isList(parsed) ? parsed : [];
  } catch {
    return [];
  }
}
