/** Progress events a suite sends to its `onEvent` callback; the CLI turns them into a display. */
import type { SuiteEstimate } from "../estimate/types.js";
import type { SearchEvent } from "../events.js";
import type { Totals } from "../result.js";
import type { DownloadProgress } from "../model/gguf/gguf-options.js";
import type { RunStatus } from "../store/schema.js";
import type { SuiteResult } from "./result.js";

/** Where the whole suite stands. */
export interface SuiteCounts {
  /** Tasks finished (in this attempt or an earlier one). */
  readonly done: number;
  readonly running: number;
  /** Tasks not yet started. */
  readonly left: number;
  /** Tasks that ended without finishing (failed, budget, cancelled) in this attempt. */
  readonly stopped: number;
  /** Calls, tokens, cost and evaluations of every run of the suite, earlier attempts included. */
  readonly totals: Totals;
  /** Seconds until every task is done, from this attempt's pace; undefined until a task finishes. */
  readonly etaSeconds: number | undefined;
}

/** Everything a suite reports while it runs. */
export type SuiteEvent =
  /** The suite starts (or continues); `estimate` is what the whole suite is planned to cost, as `ape estimate --tasks` says. */
  | {
      readonly type: "suite-start";
      readonly suiteId: string;
      readonly tasks: number;
      readonly resumed: boolean;
      readonly counts: SuiteCounts;
      readonly estimate: SuiteEstimate;
    }
  /** An event of one task's search, as `search()` sends it. */
  | { readonly type: "task"; readonly task: string; readonly index: number; readonly event: SearchEvent }
  /** A task's search ended; `status` is "done" for one finished in an earlier attempt too. */
  | {
      readonly type: "task-end";
      readonly task: string;
      readonly index: number;
      readonly runId: string | undefined;
      readonly status: RunStatus;
      readonly error: string | undefined;
    }
  /** The suite's counts changed (a task started or ended, a call was made). */
  | { readonly type: "suite-progress"; readonly counts: SuiteCounts }
  | ({ readonly type: "download" } & DownloadProgress)
  | { readonly type: "suite-done"; readonly result: SuiteResult };
