/**
 * Requests-per-second and tokens-per-minute limits (`--rps`, `--tpm`), strict in any window:
 * requests are spaced at least 1/rps apart, and the tokens of the requests sent in any 60 s
 * never add up to more than tpm (one request larger than tpm alone goes when the window is empty).
 * Waiters are served in arrival order. p-limit bounds concurrency only, hence this small limiter.
 */
import { sleep } from "../model/retry.js";
import { at } from "../at.js";

/** Rate caps of one model; any left out is unlimited. */
export interface RateLimits {
  /** Most requests started per second (may be fractional, e.g. 0.5 = one every 2 s). */
  readonly requestsPerSecond?: number | undefined;
  /** Most tokens (prompt + most completion) sent per minute. */
  readonly tokensPerMinute?: number | undefined;
}

/** Time source and waiting, injectable so tests run on a fake clock. */
export interface Clock {
  /** Milliseconds on a monotonic clock. */
  now(): number;
  /** Resolve after `ms`, or reject when `signal` aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

/** The real clock. */
export const REAL_CLOCK: Clock = { now: () => performance.now(), sleep };

/** A request admitted by the limiter; settle it with the tokens it really used. */
export interface Ticket {
  readonly at: number;
  tokens: number;
}

const MINUTE_MS = 60_000;

/** The limiter of one model, shared by every Gateway that calls it. */
export class RateLimiter {
  private nextRequestAt = -Infinity;
  private readonly window: Ticket[] = [];
  private windowTokens = 0;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly limits: RateLimits,
    private readonly clock: Clock = REAL_CLOCK,
  ) {}

  /** Whether any limit is set. */
  get active(): boolean {
    return this.limits.requestsPerSecond !== undefined || this.limits.tokensPerMinute !== undefined;
  }

  /** Wait for a turn to send a request expected to use `tokens`. */
  acquire(tokens: number, signal?: AbortSignal): Promise<Ticket> {
    const turn = this.queue.then(() => this.admit(tokens, signal));
    this.queue = turn.catch(() => undefined);
    return turn;
  }

  /** Replace a ticket's expected tokens by what the request really used. */
  settle(ticket: Ticket, tokens: number): void {
    if (!this.window.includes(ticket)) return;
    this.windowTokens += tokens - ticket.tokens;
    ticket.tokens = tokens;
  }

  private async admit(tokens: number, signal?: AbortSignal): Promise<Ticket> {
    const { requestsPerSecond: rps, tokensPerMinute: tpm } = this.limits;
    for (;;) {
      const t = this.clock.now();
      while (this.window.length > 0 && at(this.window, 0).at <= t - MINUTE_MS) {
        this.windowTokens -= at(this.window, 0).tokens;
        this.window.shift();
      }
      let wait = rps === undefined ? 0 : Math.max(0, this.nextRequestAt - t);
      if (tpm !== undefined && this.window.length > 0 && this.windowTokens + tokens > tpm) {
        // Wait until enough of the oldest requests leave the window.
        let freed = this.windowTokens;
        let until = t;
        for (const old of this.window) {
          freed -= old.tokens;
          until = old.at + MINUTE_MS;
          if (freed + tokens <= tpm) break;
        }
        wait = Math.max(wait, until - t);
      }
      if (wait <= 0) {
        if (rps !== undefined) this.nextRequestAt = Math.max(t, this.nextRequestAt) + 1000 / rps;
        const ticket: Ticket = { at: t, tokens };
        if (tpm !== undefined) {
          this.window.push(ticket);
          this.windowTokens += tokens;
        }
        return ticket;
      }
      await this.clock.sleep(wait, signal);
    }
  }
}
