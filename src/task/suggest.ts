/** "Did you mean …?" for misspelt field names, and quoting what a file says without echoing all of it. */

/** Most characters of a file's text that a message quotes; the rest is cut with an ellipsis. */
export const QUOTE_CAP = 60;

/** `text` as a message shows it: at most `cap` characters, cut with "…" (a long key or value is never echoed whole). */
export function clip(text: string, cap: number = QUOTE_CAP): string {
  return text.length <= cap ? text : `${text.slice(0, cap)}… (${text.length} characters)`;
}

/** A value quoted in a message: JSON, clipped. */
export function quoted(value: unknown): string {
  return clip(JSON.stringify(value) ?? String(value));
}

/** Edit distance between two short strings (Levenshtein). */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/** Longest word `nearest` compares: a longer one is no typo of a field name (and would cost time). */
const LONGEST_TYPO = 64;

/** The closest of `known` to `word`, if it is close enough to be a likely typo. */
export function nearest(word: string, known: readonly string[]): string | undefined {
  if (word.length > LONGEST_TYPO) return undefined;
  const lower = word.toLowerCase();
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of known) {
    const distance = editDistance(lower, candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return bestDistance <= Math.max(2, Math.floor(word.length / 3)) ? best : undefined;
}
