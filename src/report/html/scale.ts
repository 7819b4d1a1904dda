/** Linear scales and round tick values for the report's charts. */

/** Maps a domain `[d0, d1]` onto a range `[r0, r1]`. */
export interface Scale {
  (value: number): number;
  readonly domain: readonly [number, number];
  readonly ticks: readonly number[];
}

/** A linear scale; a zero-width domain is widened so every value still lands inside the range. */
export function linear(domain: readonly [number, number], range: readonly [number, number], tickCount = 5): Scale {
  let [d0, d1] = domain;
  if (!Number.isFinite(d0) || !Number.isFinite(d1)) [d0, d1] = [0, 1];
  if (d1 === d0) [d0, d1] = d0 === 0 ? [0, 1] : [d0 - Math.abs(d0) * 0.1, d1 + Math.abs(d1) * 0.1];
  const [r0, r1] = range;
  const lo = d0;
  const hi = d1;
  const f = ((v: number) => r0 + ((v - lo) / (hi - lo)) * (r1 - r0)) as Scale;
  Object.defineProperty(f, "domain", { value: [lo, hi] });
  Object.defineProperty(f, "ticks", { value: niceTicks(lo, hi, tickCount) });
  return f;
}

/** About `count` round values between `lo` and `hi` (steps of 1, 2 or 5 times a power of ten). */
export function niceTicks(lo: number, hi: number, count: number): number[] {
  const raw = (hi - lo) / Math.max(1, count);
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? raw;
  const out: number[] = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi + step * 1e-9; v += step) out.push(Number(v.toPrecision(12)));
  return out;
}

/** A tick label: integers plain, small numbers with up to 3 significant decimals. */
export function fmtTick(v: number): string {
  if (Number.isInteger(v)) return String(v);
  return Math.abs(v) >= 100 ? v.toFixed(0) : String(Number(v.toPrecision(3)));
}
