/**
 * Confidence radii for a mean estimated by sampling *without replacement* from a finite eval
 * split: the empirical Bernstein–Serfling and Hoeffding–Serfling bounds of Bardenet & Maillard
 * (2015, "Concentration inequalities for sampling without replacement"). With n examples out of
 * N the finite-population factor ρ = 1 − (n − 1)/N shrinks the radius, and it is 0 at n = N,
 * where the mean is exact.
 */

/** What a radius is computed from. */
export interface RadiusInput {
  /** Examples seen. */
  readonly n: number;
  /** Size of the split sampled from. */
  readonly size: number;
  /** Sample variance of the scores. */
  readonly variance: number;
  /** Range of a single score (observed max − min). */
  readonly range: number;
  /** Allowed failure probability of this one bound. */
  readonly delta: number;
}

const KAPPA = 7 / 3 + 3 / Math.SQRT2;

/**
 * Half-width of a two-sided interval holding the split mean with probability ≥ 1 − delta: the
 * smaller of the Hoeffding–Serfling and empirical Bernstein–Serfling radii, each at delta/2
 * (a union bound, so the minimum is still valid). Infinite below two examples.
 */
export function radius({ n, size, variance, range, delta }: RadiusInput): number {
  if (n >= size) return 0;
  if (n < 2) return Infinity;
  const rho = 1 - (n - 1) / size;
  // Two-sided at delta/2 each → one-sided budget delta/4.
  const hoeffding = range * Math.sqrt((rho * (1 + 1 / n) * Math.log(4 / delta)) / (2 * n));
  const logB = Math.log(10 / delta);
  const bernstein = Math.sqrt((2 * rho * variance * logB) / n) + (KAPPA * range * logB) / n;
  return Math.min(hoeffding, bernstein);
}
