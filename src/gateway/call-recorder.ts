/**
 * What the Gateway writes about each call: one row in the run's `calls` table (queued for the next
 * commit) and one `CallEvent` for the search's running totals.
 */
import type { CallLog } from "../store/calls.js";
import type { ModelSpec, Usage } from "../model/types.js";

/** Which side of the search a model serves: it writes instructions, follows them, or grades the answers (a judge metric). */
export type Role = "proposer" | "target" | "judge";

/** One finished call, as progress events report it. */
export interface CallEvent {
  readonly role: Role;
  readonly kind: string;
  readonly cached: boolean;
  readonly promptTokens: number;
  readonly completionTokens: number;
  readonly costUsd: number;
  readonly latencyMs: number;
}

/** One call to record. */
export interface CallRecord {
  readonly kind: string;
  readonly key: string;
  /** The request as stored (stable JSON text). */
  readonly request: string;
  readonly response: string | null;
  readonly error: string | null;
  readonly cached: boolean;
  readonly usage: Usage;
  readonly latencyMs: number;
  readonly costUsd: number;
}

/** Records the calls of one model in one role of one run. */
export class CallRecorder {
  constructor(
    private readonly store: CallLog,
    private readonly runId: string,
    private readonly role: Role,
    private readonly spec: ModelSpec,
    private readonly onCall: ((event: CallEvent) => void) | undefined,
  ) {}

  /** Queue the call's row (committed with the next commit) and report it. */
  record(c: CallRecord): void {
    this.store.addCall({
      run_id: this.runId,
      role: this.role,
      backend: this.spec.backend,
      model: this.spec.model,
      base_url: this.spec.baseUrls.join(",") || null,
      kind: c.kind,
      cache_key: c.key,
      request: c.request,
      response: c.response,
      error: c.error,
      cached: c.cached ? 1 : 0,
      prompt_tokens: c.usage.promptTokens,
      completion_tokens: c.usage.completionTokens,
      cost_usd: c.costUsd,
      latency_ms: c.latencyMs,
    });
    this.onCall?.({ role: this.role, kind: c.kind, cached: c.cached, ...c.usage, costUsd: c.costUsd, latencyMs: c.latencyMs });
  }
}
