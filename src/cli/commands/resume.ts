/**
 * `ape resume RUN|SUITE`: continue a crashed, cancelled or budget-stopped run (or suite) from its stored settings.
 * Finished calls are replayed from the store for free; flags may raise the budget or change limits.
 */
import type { Argv } from "yargs";
import { commandBody } from "../context.js";
import { UsageError } from "../../errors.js";
import { findSuite } from "../../store/suites.js";
import { resumeOptions, suiteResumeOptions } from "../resume-options.js";
import { runSuite } from "../run-suite.js";
import { runOutputFlags, runSearch } from "../run-search.js";
import { dbFlag, dbPath, withStore } from "../open-store.js";
import { budgetFlags, checkNumberFlags, ggufFlags } from "../search-flags.js";
import { checkTableFlags, tableFlags } from "../setting-flags.js";

// Declared in the order `--help` shows the groups: the run, where it is, its budget, then the rest.
const builder = (y: Argv) => {
  const run = dbFlag(y.positional("run", { type: "string", demandOption: true, describe: "Run or suite id (or a unique prefix; `ape runs` lists runs)" }));
  const moved = run.option("task", { type: "string", describe: "The run's task file, if it moved (its content must be unchanged)", group: "Results:" });
  return runOutputFlags(tableFlags(ggufFlags(budgetFlags(moved, "resume")), "resume"))
    .check(checkNumberFlags)
    .check(checkTableFlags)
    .example("$0 resume 3f9a2c1d --max-calls 2000", "continue a budget-stopped run with a larger budget");
};

/** The resume command's flags and handler (main.ts names it and loads this file when it runs). */
export const resumeCommand = commandBody({
  builder,
  handler: async (a, ctx) => {
    const db = dbPath(a.db, ctx);
    // A suite is looked for first: its id names the suite, never one of its runs. Opened for
    // writing, as the search that follows does: an older file is upgraded, another program's refused.
    const found = await withStore(a.db, ctx, (store) => findSuite(store, a.run) ?? store.getRun(a.run), true);
    if ("tasks" in found) {
      if (a.task !== undefined) throw new UsageError(`--task names one run's task file; suite ${found.id} keeps its own list of task files.`);
      await runSuite(suiteResumeOptions(found, db, a, ctx), a, ctx);
      return;
    }
    await runSearch(resumeOptions(found, db, a, ctx), a, ctx);
  },
});
