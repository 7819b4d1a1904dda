/** `ape suite`: search many tasks as one resumable run and print ape against the human references. */
import type { Argv } from "yargs";
import { commandBody } from "../context.js";
import { runOutputFlags } from "../run-search.js";
import { runSuite } from "../run-suite.js";
import { settingsFlags, toSettingsOptions } from "../search-flags.js";
import { checkSuiteTasks, suiteTaskFlags } from "../suite-flags.js";

const builder = (y: Argv) =>
  runOutputFlags(
    settingsFlags(
      suiteTaskFlags(y).demandOption("tasks").option("parallel", {
        type: "number",
        default: 4,
        describe: "Tasks searched at once (their calls share --concurrency, --rps, --tpm and the budget)",
        group: "Task:",
      }),
    ).check(checkSuiteTasks),
    "one JSON document (the summary: per task, ape and the best human reference)",
  )
    .example("$0 suite --tasks tasks/ape --protocol ape-paper --model vllm:Qwen/Qwen2.5-7B-Instruct", "the APE paper's table on your own model")
    .example("$0 resume SUITE", "continue a stopped suite (finished tasks are kept)");

/** The suite command's flags and handler (main.ts names it and loads this file when it runs). */
export const suiteCommand = commandBody({
  builder,
  handler: async (argv, ctx) => {
    await runSuite({ ...toSettingsOptions(argv, ctx), tasks: argv.tasks, parallel: argv.parallel, protocol: argv.protocol }, argv, ctx);
  },
});
