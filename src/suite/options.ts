/** The options of a suite: every search option but the task, plus the tasks and how many run at once. */
import { UsageError } from "../errors.js";
import type { SearchSettings } from "../options/search-options.js";
import { PROTOCOLS, type Protocol, type Task } from "../task/types.js";
import type { SuiteEvent } from "./events.js";
import { option, say } from "../message.js";

/** Evaluation protocols a suite can require of its tasks: those a task file can declare. */
export const SUITE_PROTOCOLS = PROTOCOLS;
/** One protocol. */
export type SuiteProtocol = Protocol;

/** Everything `suite()` accepts. The search options apply to every task; limits and budget to the whole suite. */
export interface SuiteOptions extends SearchSettings {
  /** Task files, folders of task files (`*.json`, `*.jsonl`, not recursive), or loaded tasks. */
  readonly tasks: readonly (string | Task)[];
  /** Tasks searched at once (their calls share the models' limits). @default 4 */
  readonly parallel?: number | undefined;
  /**
   * Require every task to declare this protocol in its file (`"protocol": "ape-paper"`, as
   * `ape import ape` writes it): the paper's splits and metric per task.
   */
  readonly protocol?: SuiteProtocol | undefined;
  /** Continue exactly this suite (`ape resume SUITE`); its settings and tasks must match. */
  readonly suiteId?: string | undefined;
  readonly onEvent?: ((event: SuiteEvent) => void) | undefined;
}

/** `parallel` checked, with its default. */
export function resolveParallel(parallel: number | undefined): number {
  const v = parallel ?? 4;
  if (!Number.isInteger(v) || v < 1) throw new UsageError(say`${option("parallel")} must be an integer ≥ 1 (got ${String(parallel)}).`);
  return v;
}
