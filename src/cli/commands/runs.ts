/** `ape runs`: the runs in the results database, newest first. */
import type { CommandModule } from "yargs";
import { fmtScore, table } from "../../report/table.js";
import { Store } from "../../store/store.js";
import type { CliContext, CommandFactory } from "../context.js";
import { dbPath } from "../search-flags.js";

/** The runs command. */
export const runsCommand: CommandFactory = (ctx: CliContext): CommandModule => ({
  command: "runs",
  describe: "List the runs in the results database",
  builder: (y) =>
    y
      .option("db", { type: "string", describe: "Results database [default: $APE_DB or results/ape.db]" })
      .option("json", { type: "boolean", default: false, describe: "Print the runs as a JSON array" }),
  handler: (argv) => {
    const store = new Store(dbPath(argv.db as string | undefined, ctx));
    try {
      const runs = store.listRuns();
      if (argv.json) {
        ctx.stdout.write(`${JSON.stringify(runs, null, 2)}\n`);
        return;
      }
      if (runs.length === 0) {
        ctx.stderr.write(`no runs in ${store.file} yet; start one with \`ape search --task tasks/antonyms.json\`.\n`);
        return;
      }
      ctx.stdout.write(
        table(
          [{ header: "id" }, { header: "task" }, { header: "target", max: 40 }, { header: "status" }, { header: "best", align: "right" }, { header: "calls", align: "right" }, { header: "cost", align: "right" }, { header: "when" }],
          runs.map((r) => [r.id, r.task, r.proposer === r.target ? r.target : `${r.proposer} → ${r.target}`, r.status, fmtScore(r.best_score), String(r.calls), `$${r.cost_usd.toFixed(4)}`, r.created_at.replace("T", " ").slice(0, 19)]),
        ),
      );
    } finally {
      store.close();
    }
  },
});
