/**
 * 95% confidence intervals for a candidate's mean score: the Wilson score interval when every score
 * is 0 or 1 (a proportion, e.g. exact-match accuracy), mean ± t·sd/√n otherwise (F1, log-probs).
 */
import type { ScoreStats } from "../store/evaluations.js";

/** A two-sided 95% interval and how it was computed. */
export interface Interval {
  readonly low: number;
  readonly high: number;
  readonly method: "wilson" | "t";
}

const Z95 = 1.959964;

/** Two-sided 95% critical values of Student's t for 1…30 degrees of freedom. */
const T95 = [
  12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.16, 2.145, 2.131, 2.12, 2.11, 2.101, 2.093, 2.086, 2.08, 2.074, 2.069,
  2.064, 2.06, 2.056, 2.052, 2.048, 2.045, 2.042,
];

/** The 97.5% quantile of Student's t with `df` degrees of freedom (table, then a series in 1/df). */
export function t95(df: number): number {
  if (df < 1) return Number.POSITIVE_INFINITY;
  const tabled = T95[Math.floor(df) - 1];
  if (tabled !== undefined) return tabled;
  const z = Z95;
  return z + (z ** 3 + z) / (4 * df) + (5 * z ** 5 + 16 * z ** 3 + 3 * z) / (96 * df * df);
}

/** Wilson score interval of a proportion `p` observed on `n` trials. */
export function wilson(p: number, n: number): Interval {
  if (n <= 0) return { low: 0, high: 1, method: "wilson" };
  const z2 = Z95 * Z95;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (Z95 / (1 + z2 / n)) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  // At p = 0 or 1 the bound equals p exactly; rounding would otherwise leave 1e-17 crumbs.
  const low = p <= 0 ? 0 : Math.max(0, centre - half);
  const high = p >= 1 ? 1 : Math.min(1, centre + half);
  return { low, high, method: "wilson" };
}

/** mean ± t·sd/√n; undefined with fewer than two scores. */
export function tInterval(mean: number, sd: number, n: number): Interval | undefined {
  if (n < 2) return undefined;
  const half = (t95(n - 1) * sd) / Math.sqrt(n);
  return { low: mean - half, high: mean + half, method: "t" };
}

/** The interval that suits a candidate's scores (see the file comment); undefined when nothing was scored. */
export function scoreInterval(s: ScoreStats | undefined): Interval | undefined {
  if (!s || s.n === 0) return undefined;
  if (s.binary === 1) return wilson(s.mean, s.n);
  const variance = Math.max(0, (s.sumsq - s.n * s.mean * s.mean) / Math.max(1, s.n - 1));
  return tInterval(s.mean, Math.sqrt(variance), s.n);
}

/** An interval as text, `[0.871, 0.996]`, or `-`. */
export function fmtInterval(i: Interval | undefined): string {
  return i ? `[${i.low.toFixed(3)}, ${i.high.toFixed(3)}]` : "-";
}
