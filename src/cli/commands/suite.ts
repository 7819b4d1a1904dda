/** `ape suite`: search many tasks as one resumable run and print ape against the human references. */
import type { Argv } from "yargs";
import { UsageError } from "../../errors.js";
import { SUITE_PROTOCOLS } from "../../suite/options.js";
import { defineCommand } from "../context.js";
import { runOutputFlags } from "../run-search.js";
import { runSuite } from "../run-suite.js";
import { settingsFlags, toSettingsOptions } from "../search-flags.js";

const builder = (y: Argv) =>
  runOutputFlags(
    settingsFlags(
      y
        .option("tasks", {
          type: "string",
          array: true,
          demandOption: true,
          describe: "Task files, or folders of them (*.json, *.jsonl), e.g. tasks/ape",
          group: "Task:",
        })
        .option("parallel", {
          type: "number",
          default: 4,
          describe: "Tasks searched at once (their calls share --concurrency, --rps, --tpm and the budget)",
          group: "Task:",
        })
        .option("protocol", {
          choices: SUITE_PROTOCOLS,
          describe: 'Require every task to declare "protocol": "ape-paper" (the APE paper\'s splits and metric; `ape import ape` writes it)',
          group: "Task:",
        }),
    ).check((argv) => {
      if (argv.tasks.length === 0 || argv.tasks.some((t) => t.trim() === ""))
        throw new UsageError("--tasks needs task files or folders, e.g. --tasks tasks/ape");
      return true;
    }),
    "one JSON document (the summary: per task, ape and the best human reference)",
  )
    .example("$0 suite --tasks tasks/ape --protocol ape-paper --model vllm:Qwen/Qwen2.5-7B-Instruct", "the APE paper's table on your own model")
    .example("$0 resume SUITE", "continue a stopped suite (finished tasks are kept)");

/** The suite command. */
export const suiteCommand = defineCommand({
  command: "suite",
  describe: "Search many tasks as one resumable run; print ape against the human references (IQM, wins/ties/losses)",
  builder,
  handler: async (argv, ctx) => {
    await runSuite({ ...toSettingsOptions(argv, ctx), tasks: argv.tasks, parallel: argv.parallel, protocol: argv.protocol }, argv, ctx);
  },
});
