/**
 * The Gateway: the only way to a model. It answers from the response cache where it can, reserves
 * budget before a call and settles it after, keeps calls within the concurrency limit (halving it
 * for a while after a 429), retries transient faults with backoff, splits work into requests of
 * the size the server takes, and records every call in the store as it completes.
 */
import pLimit, { type LimitFunction } from "p-limit";
import { CancelledError, ModelError } from "../errors.js";
import type { Store } from "../store/store.js";
import type { Budget, Spend } from "./budget.js";
import { cacheKey } from "./cache-key.js";
import { costOf, priceOf, type PriceTable } from "./prices.js";
import { DEFAULT_RETRY, retrying, type RetryPolicy } from "./retry.js";
import { countTokens } from "./tokens.js";
import type { Capabilities, FillRequest, Generation, GenerateRequest, LogprobRequest, LogprobResult, Model, Usage } from "./types.js";

/** Which side of the search a Gateway serves. */
export type Role = "proposer" | "target";

/** One finished call, for progress displays. */
export interface CallEvent {
  readonly role: Role;
  readonly kind: string;
  readonly cached: boolean;
  readonly promptTokens: number;
  readonly completionTokens: number;
  readonly costUsd: number;
  readonly latencyMs: number;
}

/** Settings of a Gateway. */
export interface GatewayOptions {
  readonly model: Model;
  readonly role: Role;
  readonly store: Store;
  readonly runId: string;
  readonly budget: Budget;
  readonly prices: PriceTable;
  /** Requests in flight at once. @default 8 */
  readonly concurrency?: number;
  /** Answer from the response cache. @default true */
  readonly cache?: boolean;
  readonly retry?: RetryPolicy;
  /** Random numbers in [0, 1) for retry jitter (seeded in tests). @default Math.random */
  readonly random?: () => number;
  readonly onCall?: (event: CallEvent) => void;
  readonly signal?: AbortSignal | undefined;
}

/** How long concurrency stays halved after a 429, in milliseconds. */
const COOL_DOWN_MS = 30_000;

/** Cached, budgeted, limited, retried, recorded access to one model. */
export class Gateway {
  private readonly o: GatewayOptions;
  private readonly limit: LimitFunction;
  private readonly fullConcurrency: number;
  private caps: Promise<Capabilities> | undefined;
  private restoreTimer: NodeJS.Timeout | undefined;

  constructor(options: GatewayOptions) {
    this.o = options;
    this.fullConcurrency = options.concurrency ?? 8;
    this.limit = pLimit(this.fullConcurrency);
  }

  /** The model's capabilities, probed once. */
  capabilities(): Promise<Capabilities> {
    this.caps ??= this.o.model.probe(this.o.signal);
    return this.caps;
  }

  /** Generate for each request (one result each, in order). */
  async generate(requests: readonly GenerateRequest[], sampleKeys?: readonly string[]): Promise<Generation[]> {
    const caps = await this.capabilities();
    return this.dispatch("generate", requests, {
      key: (r, i) => ({ ...r, sample: sampleKeys?.[i] ?? null }),
      estimate: (r) => ({ prompt: countTokens(this.o.model.spec.model, r.prompt), completion: r.maxTokens * r.n }),
      batch: (r) => (r.route === "completion" ? caps.maxPromptsPerRequest : 1),
      send: (rs) => this.o.model.generate(rs, this.o.signal),
      usage: (g) => g.usage,
    });
  }

  /** Log-probs of each continuation given its prefix. */
  async logprobs(requests: readonly LogprobRequest[]): Promise<LogprobResult[]> {
    const caps = await this.capabilities();
    return this.dispatch("logprobs", requests, {
      key: (r) => r,
      estimate: (r) => ({ prompt: countTokens(this.o.model.spec.model, r.prefix + r.continuation), completion: 0 }),
      batch: () => caps.maxPromptsPerRequest,
      send: (rs) => this.o.model.logprobs(rs, this.o.signal),
      usage: (g) => g.usage,
    });
  }

  /** Fill a blank by the request's path. */
  async fill(request: FillRequest, sampleKey?: string): Promise<Generation> {
    const [g] = await this.dispatch("fill", [request], {
      key: (r) => ({ ...r, sample: sampleKey ?? null }),
      estimate: (r) => ({ prompt: countTokens(this.o.model.spec.model, r.prefix + r.suffix), completion: r.maxTokens * r.n }),
      batch: () => 1,
      send: async (rs) => [await this.o.model.fill(rs[0] as FillRequest, this.o.signal)],
      usage: (x) => x.usage,
    });
    return g as Generation;
  }

  /** Stop timers; the model itself is closed by its owner. */
  dispose(): void {
    if (this.restoreTimer) clearTimeout(this.restoreTimer);
  }

  private async dispatch<Q, R>(
    kind: string,
    requests: readonly Q[],
    how: {
      key: (request: Q, index: number) => unknown;
      estimate: (request: Q) => { prompt: number; completion: number };
      batch: (request: Q) => number;
      send: (requests: Q[]) => Promise<R[]>;
      usage: (result: R) => Usage;
    },
  ): Promise<R[]> {
    const spec = this.o.model.spec;
    const results = new Array<R | undefined>(requests.length);
    const keys = requests.map((r, i) => cacheKey(spec, kind, how.key(r, i)));
    const misses: number[] = [];
    requests.forEach((r, i) => {
      const hit = this.o.cache === false ? undefined : this.o.store.cachedResponse(keys[i] as string);
      if (hit === undefined) return misses.push(i);
      results[i] = JSON.parse(hit) as R;
      this.record(kind, keys[i] as string, how.key(r, i), hit, null, true, { promptTokens: 0, completionTokens: 0 }, 0);
    });

    const chunks: number[][] = [];
    for (const i of misses) {
      const size = how.batch(requests[i] as Q);
      const last = chunks[chunks.length - 1];
      if (last && last.length < size) last.push(i);
      else chunks.push([i]);
    }
    await Promise.all(
      chunks.map((chunk) =>
        this.limit(async () => {
          const batch = chunk.map((i) => requests[i] as Q);
          const reservation = this.reservation(batch.map(how.estimate));
          this.o.budget.reserve(reservation);
          let actual: Spend = { calls: 0, tokens: 0, costUsd: 0 };
          try {
            const started = performance.now();
            let out: R[];
            try {
              out = await this.withRetries(() => how.send(batch));
            } catch (error) {
              const text = error instanceof Error ? error.message : String(error);
              for (const i of chunk) this.record(kind, keys[i] as string, how.key(requests[i] as Q, i), null, text, false, { promptTokens: 0, completionTokens: 0 }, performance.now() - started);
              throw error;
            }
            const latency = performance.now() - started;
            const price = priceOf(spec, this.o.prices);
            chunk.forEach((i, k) => {
              const r = out[k] as R;
              const u = how.usage(r);
              const cost = costOf(price, u.promptTokens, u.completionTokens);
              actual = { calls: actual.calls + 1, tokens: actual.tokens + u.promptTokens + u.completionTokens, costUsd: actual.costUsd + cost };
              results[i] = r;
              this.record(kind, keys[i] as string, how.key(requests[i] as Q, i), JSON.stringify(r), null, false, u, latency, cost);
            });
          } finally {
            this.o.budget.settle(reservation, actual);
          }
        }),
      ),
    );
    return results as R[];
  }

  private reservation(estimates: readonly { prompt: number; completion: number }[]): Spend {
    const price = priceOf(this.o.model.spec, this.o.prices);
    let tokens = 0;
    let cost = 0;
    for (const e of estimates) {
      // Prompt counts may be approximate (cl100k_base for open models): reserve 10% more.
      const prompt = Math.ceil(e.prompt * 1.1) + 8;
      tokens += prompt + e.completion;
      cost += costOf(price, prompt, e.completion);
    }
    return { calls: estimates.length, tokens, costUsd: cost };
  }

  private async withRetries<T>(attempt: () => Promise<T>): Promise<T> {
    const signal = this.o.signal;
    if (signal?.aborted) throw new CancelledError();
    try {
      return await retrying(attempt, this.o.retry ?? DEFAULT_RETRY, this.o.random ?? Math.random, signal, (error) => {
        if (error instanceof ModelError && error.status === 429) this.coolDown();
      });
    } catch (error) {
      throw signal?.aborted ? new CancelledError() : error;
    }
  }

  private coolDown(): void {
    this.limit.concurrency = Math.max(1, Math.floor(this.limit.concurrency / 2));
    if (this.restoreTimer) clearTimeout(this.restoreTimer);
    this.restoreTimer = setTimeout(() => {
      this.limit.concurrency = this.fullConcurrency;
    }, COOL_DOWN_MS);
    this.restoreTimer.unref();
  }

  private record(kind: string, key: string, request: unknown, response: string | null, error: string | null, cached: boolean, usage: Usage, latencyMs: number, costUsd = 0): void {
    const spec = this.o.model.spec;
    this.o.store.addCall({
      run_id: this.o.runId,
      role: this.o.role,
      backend: spec.backend,
      model: spec.model,
      base_url: spec.baseUrls.join(",") || null,
      kind,
      cache_key: key,
      request: JSON.stringify(request),
      response,
      error,
      cached: cached ? 1 : 0,
      prompt_tokens: usage.promptTokens,
      completion_tokens: usage.completionTokens,
      cost_usd: costUsd,
      latency_ms: latencyMs,
    });
    this.o.onCall?.({ role: this.o.role, kind, cached, promptTokens: usage.promptTokens, completionTokens: usage.completionTokens, costUsd, latencyMs });
  }
}
