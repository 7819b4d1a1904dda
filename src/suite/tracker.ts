/** The suite's counts as its tasks run: done, running and left, totals over every run, and an ETA. */
import type { Totals } from "../result.js";
import type { SuiteCounts } from "./events.js";

/** The sum of two totals. */
export const addTotals = (a: Totals, b: Totals): Totals => ({
  calls: a.calls + b.calls,
  cachedCalls: a.cachedCalls + b.cachedCalls,
  promptTokens: a.promptTokens + b.promptTokens,
  completionTokens: a.completionTokens + b.completionTokens,
  costUsd: a.costUsd + b.costUsd,
  evaluations: a.evaluations + b.evaluations,
});

/** Counts of one attempt at a suite; earlier attempts come in as `done` and `earlier` totals. */
export class SuiteTracker {
  private readonly started: number;
  private running = 0;
  private finished = 0;
  private stopped = 0;
  /** This attempt's totals per task (a search's totals start at zero each attempt). */
  private readonly live = new Map<number, Totals>();

  constructor(
    private readonly total: number,
    private readonly doneBefore: number,
    private readonly earlier: Totals,
    private readonly now: () => number = Date.now,
  ) {
    this.started = now();
  }

  /** A task's search started. */
  start(): void {
    this.running++;
  }

  /** A task's search ended: finished, or stopped (failed, budget, cancelled). */
  end(finished: boolean): void {
    this.running--;
    if (finished) this.finished++;
    else this.stopped++;
  }

  /** The latest totals of task `index` in this attempt. */
  totals(index: number, totals: Totals): void {
    this.live.set(index, totals);
  }

  /** Where the suite stands. */
  counts(): SuiteCounts {
    const done = this.doneBefore + this.finished;
    const left = this.total - done - this.running - this.stopped;
    const elapsed = (this.now() - this.started) / 1000;
    const etaSeconds = this.finished > 0 ? ((left + this.running) * elapsed) / this.finished : undefined;
    return { done, running: this.running, left, stopped: this.stopped, totals: [...this.live.values()].reduce(addTotals, this.earlier), etaSeconds };
  }
}
