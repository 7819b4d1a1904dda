/**
 * Compare two JSON values by shape: the same keys and the same JSON types, recursively; values
 * may differ. Each element of an array must have the shape of the recorded element at its place
 * (or the last recorded one), and an array recorded empty must be empty.
 */

type Kind = "null" | "array" | "object" | "string" | "number" | "boolean";

function kindOf(value: unknown): Kind {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  const t = typeof value;
  if (t === "string" || t === "number" || t === "boolean") return t;
  return "object";
}

/** Where `actual` differs in shape from `expected`, one line per difference (empty: same shape). */
export function shapeDifferences(expected: unknown, actual: unknown, path = "$"): string[] {
  const want = kindOf(expected);
  const got = kindOf(actual);
  if (want !== got) return [`${path}: expected ${want}, got ${got}`];
  if (want === "array") {
    const e = expected as unknown[];
    const a = actual as unknown[];
    if (e.length === 0 || a.length === 0)
      return e.length === a.length ? [] : [`${path}: expected ${e.length === 0 ? "an empty" : "a non-empty"} array, got ${a.length} items`];
    return a.flatMap((item, i) => shapeDifferences(e[Math.min(i, e.length - 1)], item, `${path}[${i}]`));
  }
  if (want === "object") {
    const e = expected as Record<string, unknown>;
    const a = actual as Record<string, unknown>;
    const missing = Object.keys(e)
      .filter((k) => !(k in a))
      .map((k) => `${path}.${k}: missing`);
    const extra = Object.keys(a)
      .filter((k) => !(k in e))
      .map((k) => `${path}.${k}: not in the recording`);
    const inner = Object.keys(e)
      .filter((k) => k in a)
      .flatMap((k) => shapeDifferences(e[k], a[k], `${path}.${k}`));
    return [...missing, ...extra, ...inner];
  }
  return [];
}
