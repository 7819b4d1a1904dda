/**
 * `ape export SUITE`: a suite's summary table, one record per task, with field names that are
 * part of the public interface (documented in the README; add fields, never rename).
 */
import type { StoreReader } from "../store/store.js";
import type { TestScore } from "../suite/result.js";
import { summarizeSuite } from "../suite/summary.js";
import type { ExportRecord } from "./export.js";

/** The fields of a suite's task record, in order. */
export const SUITE_FIELDS = [
  "suite_id",
  "task",
  "task_file",
  "run_id",
  "status",
  "ape_instruction",
  "ape_test",
  "ape_ci_low",
  "ape_ci_high",
  "test_count",
  "human_instruction",
  "human_test",
  "human_ci_low",
  "human_ci_high",
  "difference",
  "outcome",
  "evaluations",
  "calls",
  "cost_usd",
  "ape_is_reference",
] as const;

/** The records and their field names for suite `suiteId`. */
export function suiteRecords(store: StoreReader, suiteId: string): { readonly fields: readonly string[]; readonly records: readonly ExportRecord[] } {
  const result = summarizeSuite(store, suiteId);
  const scores = (prefix: "ape" | "human", s: TestScore | null): ExportRecord => ({
    [`${prefix}_instruction`]: s?.text ?? null,
    [`${prefix}_test`]: s?.score ?? null,
    [`${prefix}_ci_low`]: s?.interval?.low ?? null,
    [`${prefix}_ci_high`]: s?.interval?.high ?? null,
  });
  const records = result.tasks.map(
    (t): ExportRecord => ({
      suite_id: result.suiteId,
      task: t.task,
      task_file: t.taskFile,
      run_id: t.runId,
      status: t.status,
      ...scores("ape", t.ape),
      test_count: t.ape?.count ?? null,
      ...scores("human", t.reference),
      difference: t.difference,
      outcome: t.outcome,
      evaluations: t.evaluations,
      calls: t.calls,
      cost_usd: t.costUsd,
      ape_is_reference: t.apeIsReference,
    }),
  );
  return { fields: SUITE_FIELDS, records };
}
