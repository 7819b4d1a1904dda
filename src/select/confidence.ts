/**
 * Confidence radii for a mean estimated by sampling *without replacement* from a finite eval
 * split: the empirical Bernstein–Serfling and Hoeffding–Serfling bounds of Bardenet & Maillard
 * (2015, "Concentration inequalities for sampling without replacement"). With n examples out of
 * N the finite-population factor ρ = 1 − (n − 1)/N shrinks the radius, and it is 0 at n = N,
 * where the mean is exact. The strategies pass the observed score range for the true one, so the
 * guarantee is as good as that estimate (for accuracy, exact once both a 0 and a 1 were seen).
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
  // Each bound gets delta/2, two-sided, so each side delta/4. Serfling's factor times (1 + 1/n)
  // covers both of Bardenet & Maillard's forms (n below and above N/2).
  const hoeffding = range * Math.sqrt((rho * (1 + 1 / n) * Math.log(4 / delta)) / (2 * n));
  // Their empirical Bernstein–Serfling bound is one-sided at 1 − δ' with log(5/δ'); δ' = delta/4.
  const logB = Math.log(20 / delta);
  const bernstein = Math.sqrt((2 * rho * variance * logB) / n) + (KAPPA * range * logB) / n;
  return Math.min(hoeffding, bernstein);
}
