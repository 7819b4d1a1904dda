/** The flags that name a suite's tasks, shared by `ape suite` and `ape estimate --tasks`. */
import type { Argv } from "yargs";
import { UsageError } from "../errors.js";
import { SUITE_PROTOCOLS } from "../suite/options.js";

/** Declare `--tasks` and `--protocol`. */
export function suiteTaskFlags<T>(y: Argv<T>) {
  return y
    .option("tasks", { type: "string", array: true, describe: "Task files, or folders of them (*.json, *.jsonl), e.g. tasks/ape", group: "Task:" })
    .option("protocol", {
      choices: SUITE_PROTOCOLS,
      describe: 'Require every task to declare "protocol": "ape-paper" (the APE paper\'s splits and metric; `ape import ape` writes it)',
      group: "Task:",
    });
}

/** A yargs check: `--tasks`, where given, names at least one file or folder, and none empty. */
export function checkSuiteTasks(argv: { readonly tasks?: readonly string[] | undefined }): true {
  if (argv.tasks !== undefined && (argv.tasks.length === 0 || argv.tasks.some((t) => t.trim() === "")))
    throw new UsageError("--tasks needs task files or folders, e.g. --tasks tasks/ape");
  return true;
}
