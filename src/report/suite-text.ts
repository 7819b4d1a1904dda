/** The text `ape suite` prints: one row per task (ape against the human references' mean), then the IQMs and the record. */
import type { SuiteResult, TestScore } from "../suite/result.js";
import { markReference } from "./honest.js";
import { fmtInterval } from "../stats/interval.js";
import { fmtScore, table } from "../text/table.js";

/** The summary table of a suite. */
export function suiteTable(result: SuiteResult): string {
  const score = (s: TestScore | null): [string, string] => [fmtScore(s?.score), s ? fmtInterval(s.interval) : "-"];
  const rows = result.tasks.map((t) => [
    t.task,
    markReference(fmtScore(t.ape?.score), t.apeIsReference),
    t.ape ? fmtInterval(t.ape.interval) : "-",
    ...score(t.reference),
    t.difference === null ? "-" : `${t.difference >= 0 ? "+" : ""}${t.difference.toFixed(3)}`,
    t.outcome ?? (t.status === "done" ? "-" : t.status),
    String(t.evaluations),
    `$${t.costUsd.toFixed(4)}`,
  ]);
  const right = { align: "right" } as const;
  const out = [
    table(
      [
        { header: "task", max: 40 },
        { header: "ape", ...right },
        { header: "95% CI", ...right },
        { header: "human", ...right },
        { header: "95% CI", ...right },
        { header: "diff", ...right },
        { header: "outcome" },
        { header: "evals", ...right },
        { header: "cost", ...right },
      ],
      rows,
    ),
  ];
  const compared = result.tasks.filter((t) => t.outcome !== null).length;
  const { wins, ties, losses } = result.record;
  out.push(`\nIQM over ${compared} tasks with both scores: ape ${fmtScore(result.iqm.ape)}, human ${fmtScore(result.iqm.reference)}\n`);
  const n = (k: number, word: string): string => `${k} ${word}${k === 1 ? "" : word.endsWith("s") ? "es" : "s"}`;
  out.push(
    `ape against the human references (their mean on the test split): ${n(wins, "win")}, ${n(ties, "tie")}, ${n(losses, "loss")} (a tie: the 95% intervals overlap)\n`,
  );
  const t = result.totals;
  out.push(
    `suite ${result.suiteId} (${result.status}): ${result.tasks.length} tasks, ${t.evaluations} evaluations, ${t.calls} calls (${t.cachedCalls} cached), ${t.promptTokens + t.completionTokens} tokens, $${t.costUsd.toFixed(4)}\n`,
  );
  return out.join("");
}
