/**
 * Which stored candidates are the task's human reference instructions. The store keeps one row per
 * text, so a proposal that is word for word a reference shares its row (and keeps the proposal's
 * origin); one that differs only in case, spacing or end punctuation is a row of its own, and is
 * still the reference by the normalisation proposals are de-duplicated with (`dedupeKey`).
 */
import { dedupeKey } from "./propose/proposal.js";

/** The task's reference instructions as stored in a run's config (undefined in older configs). */
export function storedReferences(config: string): string[] | undefined {
  const parsed: unknown = JSON.parse(config);
  if (!parsed || typeof parsed !== "object" || !("references" in parsed) || !Array.isArray(parsed.references)) return undefined;
  return parsed.references.filter((r): r is string => typeof r === "string");
}

/** The rows of a run's references: found by text where the config names them, else by origin. */
export function referenceRows<T extends { readonly text: string; readonly origin: string }>(rows: readonly T[], config: string): T[] {
  const named = storedReferences(config);
  if (!named) return rows.filter((c) => c.origin === "reference");
  const byText = new Map(rows.map((c) => [c.text, c]));
  return named.map((text) => byText.get(text)).filter((c): c is T => c !== undefined);
}

/** The texts of a run's references: as its config names them, else those of its rows of origin `reference`. */
export function referenceTexts(rows: readonly { readonly text: string; readonly origin: string }[], config: string): string[] {
  return storedReferences(config) ?? rows.filter((c) => c.origin === "reference").map((c) => c.text);
}

/** Whether `text` is one of `references` after the normalisation candidates are de-duplicated with. */
export function equalsReference(text: string, references: readonly string[]): boolean {
  const key = dedupeKey(text);
  return references.some((r) => dedupeKey(r) === key);
}
