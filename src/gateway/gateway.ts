/**
 * The Gateway: the only way to a model. It answers from the response cache where it can, reserves
 * budget before a call and settles it after, keeps calls within the concurrency limit (halving it
 * for a while after a 429), retries transient faults with backoff, splits work into requests of
 * the size the server takes, and records every call in the store as it completes.
 *
 * Each request on the wire is its own unit: it reserves budget for each try (a try the server
 * answers is paid for, even with an error), is retried alone, and is committed the moment its
 * answer arrives, so a crash or a failure re-pays only requests that were truly in flight.
 */
import { CancelledError, ModelError } from "../errors.js";
import type { CallLog } from "../store/calls.js";
import { type Budget, reservationFor, type Spend } from "./budget.js";
import { type CallEvent, type CallRecord, CallRecorder, type Role } from "./call-recorder.js";
import { type CallHow, fillCall, generateCall, logprobsCall } from "./call-kinds.js";
import { wireGroups } from "./chunks.js";
import { RepeatedFailure } from "./repeated-failure.js";
import { cacheKey } from "./cache-key.js";
import { stableJson } from "../stable-json.js";
import { ModelLimits } from "./limits.js";
import { costOf, priceOf, type PriceTable } from "../accounting/prices.js";
import { DEFAULT_RETRY, retrying, type RetryPolicy } from "../model/retry.js";
import type { Capabilities, FillRequest, Generation, GenerateRequest, LogprobRequest, LogprobResult, Model, ModelSpec, Usage } from "../model/types.js";
import { at } from "../at.js";

/** Settings of a Gateway. */
export interface GatewayOptions {
  readonly model: Model;
  readonly role: Role;
  readonly store: CallLog;
  readonly runId: string;
  readonly budget: Budget;
  readonly prices: PriceTable;
  /** Limits shared with the other Gateways of the same model; built from `concurrency` when absent. */
  readonly limits?: ModelLimits;
  /** Requests in flight at once (when `limits` is not given). @default 8 */
  readonly concurrency?: number;
  /** Answer from the response cache. @default true */
  readonly cache?: boolean;
  /**
   * With the cache off, still replay this run's own calls up to this call id (those an earlier,
   * stopped attempt of the run paid for), so a resumed run pays for nothing twice. @default 0
   */
  readonly replayUpTo?: number;
  readonly retry?: RetryPolicy;
  /** Random numbers in [0, 1) for retry jitter (seeded in tests). @default Math.random */
  readonly random?: () => number;
  readonly onCall?: (event: CallEvent) => void;
  readonly signal?: AbortSignal | undefined;
}

/** A request as its call row stores it (stable JSON text), and its cache key. */
interface Keyed {
  readonly text: string;
  readonly key: string;
}

/** The estimate used when no cap or limit needs token counts. */
const NOT_COUNTED = { prompt: 0, completion: 0 } as const;

const NO_USAGE: Usage = { promptTokens: 0, completionTokens: 0 };

const NOTHING: Spend = { calls: 0, tokens: 0, costUsd: 0 };

/** Cached, budgeted, limited, retried, recorded access to one model. */
export class Gateway {
  private readonly o: GatewayOptions;
  private readonly limits: ModelLimits;
  private readonly ownLimits: boolean;
  private caps: Promise<Capabilities> | undefined;
  private halted = false;
  private readonly active = new Set<Promise<unknown>>();
  private readonly recorder: CallRecorder;

  constructor(options: GatewayOptions) {
    this.o = options;
    this.recorder = new CallRecorder(options.store, options.runId, options.role, options.model.spec, options.onCall);
    this.ownLimits = options.limits === undefined;
    this.limits = options.limits ?? new ModelLimits({ concurrency: options.concurrency });
  }

  /** The spec of the model behind this gateway (for messages). */
  get spec(): ModelSpec {
    return this.o.model.spec;
  }

  /** The model's capabilities, probed once. */
  capabilities(): Promise<Capabilities> {
    if (!this.caps) {
      const probing = this.o.model.probe(this.o.signal);
      this.caps = probing;
      // A probe that failed (a fault that outlasted its retries) is tried again by the next caller.
      probing.catch(() => {
        if (this.caps === probing) this.caps = undefined;
      });
    }
    return this.caps;
  }

  /** Generate for each request (one result each, in order). */
  async generate(requests: readonly GenerateRequest[], sampleKeys?: readonly string[]): Promise<Generation[]> {
    const caps = await this.capabilities();
    return this.dispatch(requests, generateCall(this.o.model, caps, sampleKeys, this.o.signal));
  }

  /** Log-probs of each continuation given its prefix. */
  async logprobs(requests: readonly LogprobRequest[]): Promise<LogprobResult[]> {
    const caps = await this.capabilities();
    return this.dispatch(requests, logprobsCall(this.o.model, caps, this.o.signal));
  }

  /** Fill a blank by the request's path. */
  async fill(request: FillRequest, sampleKey?: string): Promise<Generation> {
    const [g] = await this.dispatch([request], fillCall(this.o.model, sampleKey, this.o.signal));
    return g as Generation;
  }

  /**
   * Send nothing more: requests not yet sent fail with CancelledError. Used when the run has
   * already failed (budget, a fatal error), so no call is paid for after that.
   */
  halt(): void {
    this.halted = true;
  }

  /** Resolves when every request in flight has ended and been recorded. */
  async idle(): Promise<void> {
    while (this.active.size > 0) await Promise.allSettled([...this.active]);
  }

  /** Stop timers; the model itself is closed by its owner, shared limits by theirs. */
  dispose(): void {
    if (this.ownLimits) this.limits.dispose();
  }

  private async dispatch<Q, R>(requests: readonly Q[], how: CallHow<Q, R>): Promise<R[]> {
    const { kind } = how;
    const spec = this.o.model.spec;
    const results = new Array<R | undefined>(requests.length);
    // Each request as stored (stable JSON text) and its cache key, made once per call.
    const keyed = requests.map((r, i): Keyed => {
      const text = stableJson(how.key(r, i));
      return { text, key: cacheKey(spec, kind, text) };
    });
    const misses: number[] = [];
    keyed.forEach(({ key, text }, i) => {
      // A stored answer that is not whole (cached by an ape that stored short answers) is passed over.
      const whole = (response: string): boolean => how.whole(at(requests, i), JSON.parse(response));
      const hit =
        this.o.cache !== false
          ? this.o.store.cachedResponse(key, undefined, whole)
          : (this.o.replayUpTo ?? 0) > 0
            ? this.o.store.cachedResponse(key, { runId: this.o.runId, upTo: this.o.replayUpTo ?? 0 }, whole)
            : undefined;
      if (hit === undefined) {
        misses.push(i);
        return;
      }
      results[i] = JSON.parse(hit) as R;
      this.recorder.record({ kind, key, request: text, response: hit, error: null, cached: true, usage: NO_USAGE, latencyMs: 0, costUsd: 0 });
    });
    if (misses.length < requests.length) await this.commit();

    const chunks = wireGroups(requests, misses, how.batch, how.joins);
    // Each request is tracked on its own, so `idle()` also waits for those still in flight after another failed.
    const work = chunks.map((chunk) => {
      // The slot is the request's until its answers are committed (and handed back): a request sent
      // and not yet on disk holds a slot, so a crash re-pays at most `concurrency` of them.
      const one = this.limits.slot(async () => {
        await this.sendChunk(chunk, requests, keyed, results, how);
        await this.commit();
      });
      this.active.add(one);
      void one.then(
        () => this.active.delete(one),
        () => this.active.delete(one),
      );
      return one;
    });
    await Promise.all(work);
    return results as R[];
  }

  private async sendChunk<Q, R>(
    chunk: readonly number[],
    requests: readonly Q[],
    keyed: readonly Keyed[],
    results: (R | undefined)[],
    how: CallHow<Q, R>,
  ): Promise<void> {
    const { kind } = how;
    const spec = this.o.model.spec;
    const price = priceOf(spec, this.o.prices);
    const batch = chunk.map((i) => at(requests, i));
    const estimates = this.countsTokens() ? batch.map(how.estimate) : batch.map(() => NOT_COUNTED);
    const expected = estimates.reduce((n, e) => n + e.prompt + e.completion, 0);
    const used = (out: R[]): number => out.reduce((n, r) => n + how.usage(r).promptTokens + how.usage(r).completionTokens, 0);
    const rows = (fields: (k: number) => Omit<CallRecord, "kind" | "key" | "request" | "cached">): void =>
      chunk.forEach((i, k) => {
        const { key, text } = at(keyed, i);
        this.recorder.record({ kind, key, request: text, cached: false, ...fields(k) });
      });
    const repeated = new RepeatedFailure();
    // One try: reserved, sent, checked and recorded (a failed one also committed, before it is retried).
    const attempt = async (): Promise<void> => {
      if (this.halted || this.o.signal?.aborted) throw new CancelledError();
      const reservation = reservationFor(estimates, price);
      this.o.budget.reserve(reservation);
      const started = performance.now();
      let out: R[];
      try {
        out = await this.limits.send(expected, () => how.send(batch), used, this.o.signal);
        const bad = batch.findIndex((r, k) => !how.whole(r, out[k]));
        if (bad !== -1) {
          const where = spec.baseUrls[0] ?? spec.model;
          throw new ModelError(where, `the answer to request ${bad + 1} of ${batch.length} is not whole (a cut answer is never stored)`, { transient: true });
        }
      } catch (error) {
        if (error instanceof CancelledError) {
          this.o.budget.settle(reservation, NOTHING);
          throw error;
        }
        // A failed try was still sent: it counts against the call budget and is recorded.
        this.o.budget.settle(reservation, { calls: batch.length, tokens: 0, costUsd: 0 });
        const text = error instanceof Error ? error.message : String(error);
        const latencyMs = performance.now() - started;
        rows(() => ({ response: null, error: text, usage: NO_USAGE, latencyMs, costUsd: 0 }));
        await this.commit();
        throw repeated.check(error);
      }
      const latencyMs = performance.now() - started;
      const usages = out.map(how.usage);
      const costs = usages.map((u) => costOf(price, u.promptTokens, u.completionTokens));
      this.o.budget.settle(reservation, {
        calls: batch.length,
        tokens: usages.reduce((n, u) => n + u.promptTokens + u.completionTokens, 0),
        costUsd: costs.reduce((a, b) => a + b, 0),
      });
      rows((k) => ({ response: JSON.stringify(at(out, k)), error: null, usage: at(usages, k), latencyMs, costUsd: at(costs, k) }));
      chunk.forEach((i, k) => {
        results[i] = at(out, k);
      });
    };
    await this.withRetries(attempt);
  }

  /** Counting prompt tokens costs a tokenizer pass per prompt: only done when a cap or limit needs it. */
  private countsTokens(): boolean {
    const { maxTokens, maxCostUsd } = this.o.budget.limits;
    return maxTokens !== undefined || maxCostUsd !== undefined || this.limits.countsTokens;
  }

  private async withRetries<T>(attempt: () => Promise<T>): Promise<T> {
    const signal = this.o.signal;
    if (signal?.aborted) throw new CancelledError();
    try {
      return await retrying(attempt, this.o.retry ?? DEFAULT_RETRY, this.o.random ?? Math.random, signal, (error) => {
        if (error instanceof ModelError && error.status === 429) this.limits.coolDown();
      });
    } catch (error) {
      throw signal?.aborted ? new CancelledError() : error;
    }
  }
  /**
   * Commit the calls recorded so far. Calls that end in the same turn of the event loop share one
   * transaction; a result is handed back, and its slot freed, only once its call is committed, so a
   * crash loses at most the calls holding a slot.
   */
  private commit(): Promise<void> {
    return this.o.store.commit();
  }
}
