/**
 * Where the continuation starts inside the tokens of `prefix + continuation`.
 *
 * The joined text is tokenized once, so the continuation's tokens are exactly the ones the model
 * sees in the joined text (tokenizing the two parts apart can split a word differently). The
 * boundary is then found by cumulative token text length: a token belongs to the continuation when
 * it starts at or after the end of the prefix (a token straddling the boundary belongs to the
 * prefix, the rule every backend follows; see docs/servers.md). One exception: when the prefix
 * breaks the convention and ends in whitespace (`"Output: " + "cold"`), the token that carries that
 * whitespace into the first word (`▁cold`) is scored too, or nothing would be.
 */

/**
 * Index of the first continuation token. `textOf(k)` is the text of the first `k` tokens; its
 * length grows with `k`, so a binary search needs O(log n) calls.
 */
export function continuationStart(tokenCount: number, prefix: string, textOf: (k: number) => string): number {
  let lo = 0;
  let hi = tokenCount;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (textOf(mid).length >= prefix.length) hi = mid;
    else lo = mid + 1;
  }
  if (lo > 0) {
    const startOfPrevious = textOf(lo - 1).length;
    if (startOfPrevious < prefix.length && prefix.slice(startOfPrevious).trim() === "") return lo - 1;
  }
  return lo;
}
