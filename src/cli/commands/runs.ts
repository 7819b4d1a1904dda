/** `ape runs`: the runs in the results database, newest first. */
import type { Argv } from "yargs";
import { fmtScore, table } from "../../report/table.js";
import type { RunRow } from "../../store/rows.js";
import { defineCommand } from "../context.js";
import { dbFlag, withStore } from "../open-store.js";

const builder = (y: Argv) =>
  dbFlag(y)
    .option("task", { type: "string", describe: "Only runs of this task (by name)" })
    .option("limit", { type: "number", describe: "Show at most this many runs" })
    .option("json", { type: "boolean", default: false, describe: "Print the runs as a JSON array of `runs` rows" });

/** The runs command. */
export const runsCommand = defineCommand({
  command: "runs",
  describe: "List the runs in the results database, newest first",
  builder,
  handler: (argv, ctx) =>
    withStore(argv.db, ctx, (store) => {
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
      ctx.stdout.write(
        table(
          [
            { header: "id" },
            { header: "task", max: 24 },
            { header: "models", max: 48 },
            { header: "status" },
            { header: "best", align: "right" },
            { header: "evals", align: "right" },
            { header: "calls", align: "right" },
            { header: "cost", align: "right" },
            { header: "when (UTC)" },
          ],
          runs.map((r) => [
            r.id,
            r.task,
            models(r),
            r.status,
            fmtScore(r.best_score),
            String(r.evaluations),
            String(r.calls),
            `$${r.cost_usd.toFixed(4)}`,
            r.created_at.replace("T", " ").slice(0, 16),
          ]),
        ),
      );
      ctx.stderr.write(`details: ape show <id>; everything: ape report <id>\n`);
    }),
});

function models(r: RunRow): string {
  return r.proposer === r.target ? r.target : `${r.proposer} → ${r.target}`;
}
