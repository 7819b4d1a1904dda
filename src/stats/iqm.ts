/** The interquartile mean, the APE paper's summary of scores over tasks. */

/**
 * The interquartile mean (IQM) of `scores`: the mean of their middle 50%. Exactly: sort the n
 * scores, drop the lowest ⌊n/4⌋ and the highest ⌊n/4⌋, and average the rest. This is
 * `scipy.stats.trim_mean(scores, 0.25)`, which rliable's `aggregate_iqm` (Agarwal et al., 2021)
 * computes and the APE paper (Zhou et al., 2023) reports over its 24 tasks. With fewer than four
 * scores nothing is dropped (the plain mean); with none the IQM is undefined.
 */
export function iqm(scores: readonly number[]): number | undefined {
  if (scores.length === 0) return undefined;
  const sorted = [...scores].sort((a, b) => a - b);
  const cut = Math.floor(sorted.length / 4);
  const middle = sorted.slice(cut, sorted.length - cut);
  return middle.reduce((s, x) => s + x, 0) / middle.length;
}
