/** The running totals of a search, sent with every call event. */
import type { SearchEvent } from "../events.js";
import type { Totals } from "../result.js";
import type { CallEvent } from "../gateway/call-recorder.js";

/** Totals of the run so far: each call adds to them and is reported with them. */
export class RunningTotals {
  private t: Totals = { calls: 0, cachedCalls: 0, promptTokens: 0, completionTokens: 0, costUsd: 0, evaluations: 0 };

  constructor(private readonly emit: (e: SearchEvent) => void) {}

  /** Count one call and report it. */
  add(call: CallEvent): void {
    const t = this.t;
    this.t = {
      calls: t.calls + (call.cached ? 0 : 1),
      cachedCalls: t.cachedCalls + (call.cached ? 1 : 0),
      promptTokens: t.promptTokens + call.promptTokens,
      completionTokens: t.completionTokens + call.completionTokens,
      costUsd: t.costUsd + call.costUsd,
      evaluations: t.evaluations,
    };
    this.emit({ type: "call", call, totals: this.t });
  }

  /** The totals so far. */
  get current(): Totals {
    return this.t;
  }

  /** Set the evaluations done so far. */
  setEvaluations(n: number): void {
    this.t = { ...this.t, evaluations: n };
  }
}
