/**
 * Which request faults, and how. Deterministic: the n-th request (counted from start) gets the
 * same decision for the same seed and settings. `failNext` is consumed before `rate` applies.
 */
import { pick, unit } from "./hash.js";
import type { FaultConfig, FaultKind } from "./types.js";

/** The decision for one request. */
export interface FaultDecision {
  readonly delayMs: number;
  readonly fault: FaultKind | undefined;
}

/** Decides faults from the current settings and a request counter. */
export class FaultPlan {
  private config: FaultConfig;
  private scriptedLeft: number;
  private counter = 0;

  constructor(
    private readonly seed: number,
    config: FaultConfig = {},
  ) {
    this.config = config;
    this.scriptedLeft = config.failNext?.count ?? 0;
  }

  /** Replace the settings, including any pending `failNext`. */
  set(config: FaultConfig): void {
    this.config = config;
    this.scriptedLeft = config.failNext?.count ?? 0;
  }

  /** The `retry-after` value of a 429, in seconds. */
  get retryAfterSeconds(): number {
    return this.config.retryAfterSeconds ?? 1;
  }

  /** Decide for the next request to `path`, whose body is `body`. */
  next(path: string, body: string): FaultDecision {
    const n = this.counter++;
    const c = this.config;
    const jitter = c.jitterMs !== undefined && c.jitterMs > 0 ? unit(this.seed, "jitter", n) * c.jitterMs : 0;
    const delayMs = (c.latencyMs ?? 0) + jitter;
    if (c.paths !== undefined && !c.paths.includes(path)) return { delayMs, fault: undefined };
    if (c.bodyIncludes !== undefined && !body.includes(c.bodyIncludes)) return { delayMs, fault: undefined };
    if (c.failNext !== undefined && this.scriptedLeft > 0) {
      this.scriptedLeft -= 1;
      return { delayMs, fault: c.failNext.kind };
    }
    const rate = c.rate ?? 0;
    if (rate > 0 && unit(this.seed, "fault", n) < rate) {
      const kinds = c.kinds !== undefined && c.kinds.length > 0 ? c.kinds : (["500"] as const);
      return { delayMs, fault: kinds[pick(kinds.length, this.seed, "fault-kind", n)] };
    }
    return { delayMs, fault: undefined };
  }
}
