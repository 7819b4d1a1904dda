/**
 * The limits of one model, shared by every Gateway that calls it (proposer and target on one
 * model share them, so `--concurrency` holds per model): requests in flight (p-limit, halved for a
 * while after a 429), and the request and token rates (`--rps`, `--tpm`).
 */
import pLimit, { type LimitFunction } from "p-limit";
import { DEFAULT_CONCURRENCY } from "../model/types.js";
import { RateLimiter, REAL_CLOCK, type Clock, type RateLimits, type Ticket } from "./rate-limit.js";

/** Settings of a model's limits. */
export interface LimitOptions extends RateLimits {
  /** Requests in flight at once. @default DEFAULT_CONCURRENCY (8) */
  readonly concurrency?: number | undefined;
  /** How long concurrency stays halved after a 429, in milliseconds. @default 30000 */
  readonly coolDownMs?: number | undefined;
  readonly clock?: Clock | undefined;
}

/** Concurrency and rate limits of one model. */
export class ModelLimits {
  private readonly limit: LimitFunction;
  private readonly full: number;
  private readonly coolDownMs: number;
  private readonly rate: RateLimiter;
  private readonly tokensPerMinute: boolean;
  private restoreTimer: NodeJS.Timeout | undefined;

  constructor(options: LimitOptions = {}) {
    this.full = options.concurrency ?? DEFAULT_CONCURRENCY;
    this.coolDownMs = options.coolDownMs ?? 30_000;
    this.limit = pLimit(this.full);
    this.rate = new RateLimiter(options, options.clock ?? REAL_CLOCK);
    this.tokensPerMinute = options.tokensPerMinute !== undefined;
  }

  /** Requests allowed in flight right now. */
  get concurrency(): number {
    return this.limit.concurrency;
  }

  /** Whether a token rate (`--tpm`) is limited, so requests' tokens must be counted. */
  get countsTokens(): boolean {
    return this.tokensPerMinute;
  }

  /** Run `task` when a concurrency slot is free. */
  slot<T>(task: () => Promise<T>): Promise<T> {
    return this.limit(task);
  }

  /**
   * Send one request (every retry is one) when the rates allow: `tokens` is what it is expected to
   * use, `used` tells from its result what it did use.
   */
  async send<T>(tokens: number, request: () => Promise<T>, used: (result: T) => number, signal?: AbortSignal): Promise<T> {
    if (!this.rate.active) return request();
    const ticket: Ticket = await this.rate.acquire(tokens, signal);
    const result = await request();
    this.rate.settle(ticket, used(result));
    return result;
  }

  /** Halve concurrency for a while (the server said 429). */
  coolDown(): void {
    this.limit.concurrency = Math.max(1, Math.floor(this.limit.concurrency / 2));
    if (this.restoreTimer) clearTimeout(this.restoreTimer);
    this.restoreTimer = setTimeout(() => {
      this.limit.concurrency = this.full;
    }, this.coolDownMs);
    this.restoreTimer.unref();
  }

  /** Stop timers. */
  dispose(): void {
    if (this.restoreTimer) clearTimeout(this.restoreTimer);
  }
}
