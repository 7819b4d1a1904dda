/**
 * How an unfinished run reads to people. The file keeps a killed or crashed run as `running` (with
 * its owner, see owner.ts) until a search takes it over; shown, it is `stopped`. The evaluations of a
 * run that did not finish are those stored so far (a run writes its count when it finishes).
 */
import { currentOwner, ownerAlive } from "./owner.js";
import type { RunRow } from "./rows.js";
import type { EvaluationReader } from "./evaluations.js";

/** The status shown for a run (or suite): `stopped` for a `running` one whose process is gone; the stored status otherwise. */
export function shownStatus(run: Pick<RunRow, "status" | "owner" | "updated_at">): string {
  const ours = run.owner === currentOwner();
  return run.status === "running" && !ours && !ownerAlive(run.owner, run.updated_at) ? "stopped" : run.status;
}

/** The evaluations of a run: its totals once done, those stored so far otherwise (a run that stopped early never wrote its totals). */
export function evaluationsOf(store: Pick<EvaluationReader, "evaluationCount">, run: Pick<RunRow, "id" | "status" | "evaluations">): number {
  return run.status === "done" ? run.evaluations : store.evaluationCount(run.id);
}
