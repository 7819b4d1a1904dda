/** `ape show RUN|SUITE [--candidate ID]`: a run's leaderboard with intervals, why one candidate ranked where it did, or a suite's summary table. */
import type { Argv } from "yargs";
import { UsageError } from "../../errors.js";
import { candidateJson, readCandidateDetail } from "../../report/candidate-detail.js";
import { candidateText } from "../../report/candidate-text.js";
import { runText } from "../../report/run-text.js";
import { readRunView } from "../../report/run-view.js";
import { readResult } from "../../read-result.js";
import { suiteTable } from "../../report/suite-text.js";
import { findSuite } from "../../store/suites.js";
import { summarizeSuite } from "../../suite/summary.js";
import { commandBody } from "../context.js";
import { dbFlag, withStore } from "../open-store.js";

const builder = (y: Argv) =>
  dbFlag(y)
    .positional("run", { type: "string", demandOption: true, describe: "Run or suite id (or a unique prefix; `ape runs` lists them)" })
    .option("candidate", { type: "number", describe: "Candidate id: its origin, proposer prompt, parent, history and outputs (failures first)" })
    .option("limit", { type: "number", default: 20, describe: "Candidates shown" })
    .option("examples", { type: "number", default: 20, describe: "Example outputs shown with --candidate" })
    .option("json", { type: "boolean", default: false, describe: "Print the run's result (the library's SearchResult; a suite's SuiteResult) as JSON" })
    .example("$0 show 401f715a", "the leaderboard of a run")
    .example("$0 show 401f --candidate 3", "why candidate 3 ranked where it did")
    .example("$0 show 9c2e77d0", "a suite's table: ape against the human references per task");

/** The show command's flags and handler (main.ts names it and loads this file when it runs). */
export const showCommand = commandBody({
  builder,
  handler: (argv, ctx) =>
    withStore(argv.db, ctx, async (store) => {
      const run = argv.run;
      const id = argv.candidate;
      // A suite's id shows the suite's table, as `ape suite` printed it.
      const suite = findSuite(store, run);
      if (suite) {
        if (id !== undefined) throw new UsageError(`${suite.id} is a suite; --candidate takes a candidate of one of its runs (\`ape runs\` lists them).`);
        const result = summarizeSuite(store, suite.id);
        ctx.stdout.write(argv.json ? `${JSON.stringify(result, null, 2)}\n` : suiteTable(result));
        return;
      }
      if (id !== undefined) {
        if (!Number.isInteger(id)) throw new UsageError(`--candidate takes a candidate id (an integer, as in the id column of \`ape show ${run}\`).`);
        const detail = await readCandidateDetail(store, run, id);
        ctx.stdout.write(argv.json ? `${JSON.stringify(candidateJson(detail), null, 2)}\n` : candidateText(detail, argv.examples));
        return;
      }
      ctx.stdout.write(argv.json ? `${JSON.stringify(readResult(store, run), null, 2)}\n` : runText(readRunView(store, run), argv.limit));
    }),
});
