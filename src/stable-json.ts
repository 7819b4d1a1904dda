/** JSON text that is the same for equal values: what hashes (cache keys, run and suite identities) are made of. */
import { isRecord } from "./narrow.js";

/** A stable JSON text: object keys sorted, so equal values give equal texts. */
export function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    isRecord(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v,
  );
}
