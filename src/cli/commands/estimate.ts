/** `ape estimate`: what a search (or a suite, with `--tasks`) with these flags would cost, without calling any model. */
import type { Argv } from "yargs";
import { UsageError } from "../../errors.js";
import { estimate } from "../../estimate/estimate.js";
import { formatEstimate, formatSuiteEstimate } from "../../estimate/format.js";
import { estimateSuite } from "../../estimate/suite.js";
import { commandBody } from "../context.js";
import { settingsFlags, toSettingsOptions } from "../search-flags.js";
import { checkSuiteTasks, suiteTaskFlags } from "../suite-flags.js";

const builder = (y: Argv) =>
  settingsFlags(suiteTaskFlags(y.option("task", { type: "string", describe: "Task file (JSON or JSONL), e.g. tasks/antonyms.json", group: "Task:" })))
    .option("json", { type: "boolean", default: false, describe: "Print the estimate as one JSON document", group: "Output:" })
    .check((argv) => {
      if ((argv.task === undefined) === (argv.tasks === undefined))
        throw new UsageError("name what to estimate: --task FILE for one search, or --tasks FILES|FOLDERS for a suite (not both).");
      if (argv.task?.trim() === "") throw new UsageError("--task needs a task file, e.g. --task tasks/antonyms.json");
      return checkSuiteTasks(argv);
    })
    .example("$0 estimate --task tasks/antonyms.json --model openai:gpt-4o-mini", "what the search would cost on gpt-4o-mini")
    .example("$0 estimate --tasks tasks/ape --model openai:gpt-4o-mini", "what `ape suite` over the folder would cost, per task and in all");

/** The estimate command's flags and handler (main.ts names it and loads this file when it runs). */
export const estimateCommand = commandBody({
  builder,
  handler: async (argv, ctx) => {
    const settings = toSettingsOptions(argv, ctx);
    if (argv.tasks !== undefined) {
      const e = await estimateSuite({ ...settings, tasks: argv.tasks, protocol: argv.protocol });
      ctx.stdout.write(argv.json ? `${JSON.stringify(e, null, 2)}\n` : `${formatSuiteEstimate(e)}\n`);
      return;
    }
    const e = await estimate({ ...settings, task: argv.task ?? "" });
    ctx.stdout.write(argv.json ? `${JSON.stringify(e, null, 2)}\n` : `${formatEstimate(e)}\n`);
  },
});
