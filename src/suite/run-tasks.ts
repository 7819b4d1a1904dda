/**
 * The tasks of one attempt at a suite: each not finished yet is searched, `parallel` at once, over
 * models opened once and one budget, so the concurrency, rate limits, cache and budget hold for
 * the whole suite and a task waiting on its calls never holds up the others. A spent budget or a
 * cancel starts no other task.
 */
import pLimit from "p-limit";
import { messageOf } from "../caught.js";
import { planSuite } from "../estimate/suite.js";
import { BudgetError, CancelledError } from "../errors.js";
import { endStatus } from "../jobs/lifecycle.js";
import { Budget } from "../gateway/budget.js";
import { type SuiteShare, searchTask } from "../search/search.js";
import { openModels } from "../search/models.js";
import type { Totals } from "../result.js";
import type { RunRow } from "../store/rows.js";
import type { Store } from "../store/store.js";
import { suiteRuns } from "../store/suites.js";
import type { Task } from "../task/types.js";
import type { SuiteEvent } from "./events.js";
import type { SuiteInputs } from "./inputs.js";
import type { Failure } from "./suite-job.js";
import { summarizeSuite } from "./summary.js";
import { SuiteTracker } from "./tracker.js";

/** One attempt at a suite. */
export interface SuiteAttempt {
  readonly inputs: SuiteInputs;
  readonly store: Store;
  readonly suiteId: string;
  /** Whether the suite was stored before (it is continued). */
  readonly resumed: boolean;
  /** Aborted when the suite is stopped: start no task, and stop those running. */
  readonly stop: AbortSignal;
  readonly emit: (event: SuiteEvent) => void;
}

/** Search the tasks of suite `a.suiteId` not finished yet; the tasks that did not finish (none when all did). */
export async function runTasks(a: SuiteAttempt): Promise<Failure[]> {
  const { previous, before, tracker } = startAttempt(a);
  const failures: Failure[] = [];
  try {
    // What the suite spent before counts against its budget, as a resumed run's does.
    const budget = new Budget(a.inputs.settings.budget ?? {}, {
      calls: before.calls,
      tokens: before.promptTokens + before.completionTokens,
      costUsd: before.costUsd,
    });
    const { resolved } = a.inputs;
    const models = await openModels({ ...resolved.specs, judge: a.inputs.judge }, a.inputs.settings, resolved.settings, (p) =>
      a.emit({ type: "download", ...p }),
    );
    try {
      const searches = new TaskSearches(a, { suiteId: a.suiteId, models, budget }, tracker, failures);
      const limit = pLimit(a.inputs.parallel);
      await Promise.all(
        a.inputs.tasks.map((task, index) => {
          const run = previous[index];
          return run?.status === "done" ? searches.skip(task, index, run) : limit(() => searches.search(task, index, run));
        }),
      );
    } finally {
      await models.close();
    }
  } catch (error) {
    failures.push({ task: "", runId: undefined, error, cause: undefined });
  }
  return failures;
}

/** Where an attempt starts (each task's run from an earlier attempt, what they spent), said by a `suite-start` event. */
function startAttempt(a: SuiteAttempt): { readonly previous: (RunRow | undefined)[]; readonly before: Totals; readonly tracker: SuiteTracker } {
  const { tasks, entries, resolved } = a.inputs;
  const runs = suiteRuns(a.store, a.suiteId);
  // A task's run is the latest with the task's settings.
  const previous = entries.map((e) => runs.filter((run) => run.config_hash === e.hash).at(-1));
  const before = summarizeSuite(a.store, a.suiteId).totals;
  const tracker = new SuiteTracker(tasks.length, previous.filter((run) => run?.status === "done").length, before);
  a.emit({ type: "suite-start", suiteId: a.suiteId, tasks: tasks.length, resumed: a.resumed, counts: tracker.counts(), estimate: planSuite(tasks, resolved) });
  return { previous, before, tracker };
}

/** The searches of one attempt's tasks, sharing its models, budget and counts. */
class TaskSearches {
  /** Set once a task stopped by a spent budget or a cancel: start no other. */
  private stopping = false;

  constructor(
    private readonly a: SuiteAttempt,
    private readonly shared: SuiteShare,
    private readonly tracker: SuiteTracker,
    private readonly failures: Failure[],
  ) {}

  /** Task `index`, finished in an earlier attempt: only say so. */
  skip(task: Task, index: number, run: RunRow): void {
    this.a.emit({ type: "task-end", task: task.name, index, runId: run.id, status: "done", error: undefined });
  }

  /** Search task `index` (continuing its run `previous`, if any) unless the suite is stopping. */
  async search(task: Task, index: number, previous: RunRow | undefined): Promise<void> {
    if (this.stopping || this.a.stop.aborted) return;
    const { emit, store } = this.a;
    let runId = previous?.id;
    this.tracker.start();
    this.progress();
    try {
      await searchTask(
        {
          ...this.a.inputs.settings,
          task,
          db: store,
          runId,
          resume: false,
          signal: this.a.stop,
          onEvent: (event) => {
            if (event.type === "start") runId = event.runId;
            emit({ type: "task", task: task.name, index, event });
            if (event.type !== "call") return;
            this.tracker.totals(index, event.totals);
            this.progress();
          },
        },
        this.shared,
      );
      this.tracker.end(true);
      this.progress();
      emit({ type: "task-end", task: task.name, index, runId, status: "done", error: undefined });
    } catch (error) {
      this.tracker.end(false);
      // The run stored the cause itself (a search's error adds how to resume that one run).
      const cause = runId === undefined ? undefined : (store.getRun(runId).error ?? undefined);
      this.failures.push({ task: task.name, runId, error, cause });
      if (error instanceof BudgetError || error instanceof CancelledError) this.stopping = true;
      this.progress();
      emit({ type: "task-end", task: task.name, index, runId, status: endStatus(error, this.a.stop), error: cause ?? messageOf(error) });
    }
  }

  /** Say where the suite stands now. */
  private progress(): void {
    this.a.emit({ type: "suite-progress", counts: this.tracker.counts() });
  }
}
