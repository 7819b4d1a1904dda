/**
 * The `calls` table: every model call, which doubles as the response cache. Recording a call also
 * adds it to its run's totals (`runs.calls`, tokens, cost) in the same transaction.
 */
import { type Committer, type Connection, now, type QueuedBatch } from "./connection.js";
import type { CallRow } from "./rows.js";

/** A call to record; the totals of its run are updated in the same transaction. */
export type NewCall = Omit<CallRow, "id" | "created_at">;

/** The accounting columns of one call, without its request and response text. */
export type CallTiming = Pick<CallRow, "id" | "role" | "kind" | "cached" | "prompt_tokens" | "completion_tokens" | "cost_usd" | "latency_ms" | "created_at"> & {
  /** 1 when the call failed. */
  readonly failed: number;
};

/** Counters added to a run's totals. */
export interface RunTotals {
  readonly calls: number;
  readonly cachedCalls: number;
  readonly promptTokens: number;
  readonly completionTokens: number;
  readonly costUsd: number;
}

/** Reading the calls of a run. */
export interface CallReader {
  /** The calls of a run, oldest first, without their request and response text (cheap on big runs). */
  callTimings(runId: string): CallTiming[];
  /** The calls of a run, oldest first. */
  calls(runId: string): CallRow[];
}

/** Recording calls (and waiting until they are committed) and answering from the cache, as the Gateway does. */
export interface CallLog extends CallReader, Committer {
  /** Queue one model call (see `addCalls`). */
  addCall(call: NewCall): void;
  /**
   * Queue model calls, each added to its run's totals in the same transaction, for the next commit:
   * await `commit()` before using their answers, so a crash loses at most calls still in flight.
   */
  addCalls(calls: readonly NewCall[]): void;
  /**
   * The first stored successful response for this cache key, if any (with `accept`, the first it
   * accepts). With `own`, only one that run paid for up to call id `upTo` (with the cache off, a
   * resumed run still replays its own earlier calls).
   */
  cachedResponse(cacheKey: string, own?: { readonly runId: string; readonly upTo: number }, accept?: (response: string) => boolean): string | undefined;
  /** The id of the last call recorded in the file (0 when none). */
  lastCallId(): number;
}

/** `CallLog` over one connection. */
export class CallTable implements CallLog {
  /** The calls of one commit: inserted together, each run's totals updated once. */
  private readonly queued: QueuedBatch<NewCall>;

  /** Reads and writes through `db`. */
  constructor(private readonly db: Connection) {
    this.queued = db.batch((calls) => this.insert(calls));
  }

  addCall(call: NewCall): void {
    this.addCalls([call]);
  }

  commit(): Promise<void> {
    return this.db.commit();
  }

  addCalls(calls: readonly NewCall[]): void {
    if (calls.length > 0) this.queued.add(calls);
  }

  private insert(rows: readonly NewCall[]): void {
    const insert = this.db.sql(
      `INSERT INTO calls (run_id, role, backend, model, base_url, kind, cache_key, request, response, error, cached,
                          prompt_tokens, completion_tokens, cost_usd, latency_ms, created_at)
       VALUES (@run_id, @role, @backend, @model, @base_url, @kind, @cache_key, @request, @response, @error, @cached,
               @prompt_tokens, @completion_tokens, @cost_usd, @latency_ms, @created_at)`,
    );
    const t = now();
    for (const c of rows) insert.run({ ...c, created_at: t });
    for (const [runId, sum] of runTotals(rows)) this.addTotals(runId, sum);
  }

  private addTotals(runId: string, t: RunTotals): void {
    this.db
      .sql(
        `UPDATE runs SET calls = calls + ?, cached_calls = cached_calls + ?, prompt_tokens = prompt_tokens + ?,
                         completion_tokens = completion_tokens + ?, cost_usd = cost_usd + ?, updated_at = ? WHERE id = ?`,
      )
      .run(t.calls, t.cachedCalls, t.promptTokens, t.completionTokens, t.costUsd, now(), runId);
  }

  cachedResponse(
    cacheKey: string,
    own?: { readonly runId: string; readonly upTo: number },
    accept: (response: string) => boolean = () => true,
  ): string | undefined {
    const rows =
      own === undefined
        ? this.db
            .sql<{ response: string }>(`SELECT response FROM calls WHERE cache_key = ? AND response IS NOT NULL AND cached = 0 ORDER BY id`)
            .iterate(cacheKey)
        : this.db
            .sql<{ response: string }>(
              `SELECT response FROM calls WHERE cache_key = ? AND run_id = ? AND id <= ? AND response IS NOT NULL AND cached = 0 ORDER BY id`,
            )
            .iterate(cacheKey, own.runId, own.upTo);
    for (const row of rows) if (accept(row.response)) return row.response;
    return undefined;
  }

  lastCallId(): number {
    return this.db.sql<{ id: number }>(`SELECT coalesce(max(id), 0) AS id FROM calls`).get()?.id ?? 0;
  }

  callTimings(runId: string): CallTiming[] {
    return this.db
      .sql<CallTiming>(
        `SELECT id, role, kind, cached, prompt_tokens, completion_tokens, cost_usd, latency_ms, created_at, error IS NOT NULL AS failed
         FROM calls WHERE run_id = ? ORDER BY id`,
      )
      .all(runId);
  }

  calls(runId: string): CallRow[] {
    return this.db.sql<CallRow>(`SELECT * FROM calls WHERE run_id = ? ORDER BY id`).all(runId);
  }
}

/**
 * What `calls` add to each run's totals: a cached call counts as cached and costs nothing, a failed
 * call or one outside any run counts nowhere.
 */
export function runTotals(calls: readonly NewCall[]): Map<string, RunTotals> {
  const totals = new Map<string, { calls: number; cachedCalls: number; promptTokens: number; completionTokens: number; costUsd: number }>();
  for (const c of calls) {
    if (c.run_id === null || c.error !== null) continue;
    const sum = totals.get(c.run_id) ?? { calls: 0, cachedCalls: 0, promptTokens: 0, completionTokens: 0, costUsd: 0 };
    const paid = c.cached ? 0 : 1;
    sum.calls += paid;
    sum.cachedCalls += c.cached;
    sum.promptTokens += paid * c.prompt_tokens;
    sum.completionTokens += paid * c.completion_tokens;
    sum.costUsd += paid * c.cost_usd;
    totals.set(c.run_id, sum);
  }
  return totals;
}
