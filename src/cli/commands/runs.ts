/** `ape runs`: the runs in the results database, newest first, and the suites they belong to. */
import type { Argv } from "yargs";
import { type Column, fmtScore, table } from "../../text/table.js";
import type { EvaluationReader } from "../../store/evaluations.js";
import type { RunRow, SuiteRow } from "../../store/rows.js";
import { evaluationsOf, shownStatus } from "../../store/run-status.js";
import { listSuites } from "../../store/suites.js";
import type { SuiteResult } from "../../suite/result.js";
import { commandBody } from "../context.js";
import { dbFlag, withStore } from "../open-store.js";

const builder = (y: Argv) =>
  dbFlag(y)
    .option("task", { type: "string", describe: "Only runs of this task (by name)" })
    .option("limit", { type: "number", describe: "Show at most this many runs" })
    .option("json", { type: "boolean", default: false, describe: "Print the runs as a JSON array of `runs` rows" });

/** The runs command's flags and handler (main.ts names it and loads this file when it runs). */
export const runsCommand = commandBody({
  builder,
  handler: (argv, ctx) =>
    withStore(argv.db, ctx, async (store) => {
      const task = argv.task;
      const limit = argv.limit;
      const runs = store
        .listRuns()
        .filter((r) => task === undefined || r.task === task)
        .slice(0, limit ?? Infinity);
      if (argv.json) {
        ctx.stdout.write(`${JSON.stringify(runs, null, 2)}\n`);
        return;
      }
      if (runs.length === 0) {
        const what = task === undefined ? "no runs" : `no runs of task "${task}"`;
        ctx.stderr.write(`${what} in ${store.file} yet; start one with \`ape search --task tasks/antonyms.json\`.\n`);
        return;
      }
      ctx.stdout.write(runsTable(runs, store));
      const suites = task === undefined ? listSuites(store).slice(0, limit ?? Infinity) : [];
      if (suites.length > 0) {
        // Summing a suite up reads its stored plan and results (zod and all): only when there is one.
        const { summarizeSuite } = await import("../../suite/summary.js");
        ctx.stdout.write(`\nsuites:\n${suitesTable(suites.map((row) => ({ row, result: summarizeSuite(store, row.id) })))}`);
      }
      ctx.stderr.write(`details: ape show <id>; everything: ape report <id>\n`);
    }),
});

/** The runs table; a suite column when any run is a task of a suite. */
function runsTable(runs: readonly RunRow[], store: Pick<EvaluationReader, "evaluationCount">): string {
  const inSuite = runs.some((r) => r.suite_id !== null);
  const columns: Column[] = [
    { header: "id" },
    { header: "task", max: 24 },
    { header: "models", max: 48 },
    { header: "status" },
    { header: "best", align: "right" },
    { header: "evals", align: "right" },
    { header: "calls", align: "right" },
    { header: "cost", align: "right" },
    { header: "when (UTC)" },
    ...(inSuite ? [{ header: "suite" }] : []),
  ];
  const rows = runs.map((r) => [
    r.id,
    r.task,
    models(r),
    shownStatus(r),
    fmtScore(r.best_score),
    String(evaluationsOf(store, r)),
    String(r.calls),
    `$${r.cost_usd.toFixed(4)}`,
    minute(r.created_at),
    ...(inSuite ? [r.suite_id ?? ""] : []),
  ]);
  return table(columns, rows);
}

/** The suites table: how far each got, ape against the human references (IQM, wins/ties/losses), its cost. */
function suitesTable(suites: readonly { readonly row: SuiteRow; readonly result: SuiteResult }[]): string {
  const right = { align: "right" } as const;
  return table(
    [
      { header: "id" },
      { header: "tasks", ...right },
      { header: "status" },
      { header: "ape IQM", ...right },
      { header: "human IQM", ...right },
      { header: "W/T/L" },
      { header: "cost", ...right },
      { header: "when (UTC)" },
    ],
    suites.map(({ row, result: r }) => [
      r.suiteId,
      `${r.tasks.filter((t) => t.status === "done").length}/${r.tasks.length}`,
      shownStatus(row),
      fmtScore(r.iqm.ape),
      fmtScore(r.iqm.reference),
      `${r.record.wins}/${r.record.ties}/${r.record.losses}`,
      `$${r.totals.costUsd.toFixed(4)}`,
      minute(row.created_at),
    ]),
  );
}

/** An ISO time to the minute, as the tables show it. */
function minute(iso: string): string {
  return iso.replace("T", " ").slice(0, 16);
}

function models(r: RunRow): string {
  return r.proposer === r.target ? r.target : `${r.proposer} → ${r.target}`;
}
