/**
 * `ape import ape|bigbench|jsonl|csv SOURCE --out DIR`: turn data in another format into task files
 * (format v1), validated before they are written; prints each file written with its split counts.
 */
import type { Argv } from "yargs";
import { importApe } from "../../task/import/ape.js";
import { TASK_PREFIX_USES, importBigBench } from "../../task/import/bigbench.js";
import { importCsv, importJsonl } from "../../task/import/table.js";
import { writeTasks } from "../../task/import/write.js";
import { METRICS, type MetricName, type TaskFile } from "../../task/index.js";
import { type CliContext, commandBody, defineCommand } from "../context.js";

/** The flags every format takes: the file or folder to import, and where to write the task files. */
function sourceFlags(y: Argv) {
  return y
    .positional("source", { type: "string", demandOption: true, describe: "file or folder to import" })
    .option("out", { type: "string", default: "tasks", describe: "folder to write the task files to" })
    .option("force", { type: "boolean", default: false, describe: "replace task files that already exist" });
}

/** The flags of a format that makes one task from one file (the APE layout names its tasks itself). */
function singleTaskFlags(y: Argv) {
  return sourceFlags(y)
    .option("name", { type: "string", describe: "task name (default: from the source)" })
    .option("metric", { choices: METRICS, describe: "metric (default: exact_match)" });
}

/** Options given to a single-task importer: only those the user set. */
function taskOptions(args: { readonly name?: string | undefined; readonly metric?: MetricName | undefined }): { name?: string; metric?: MetricName } {
  return { ...(args.name === undefined ? {} : { name: args.name }), ...(args.metric === undefined ? {} : { metric: args.metric }) };
}

/** Validate and write the imported tasks, and say what was written. */
async function write(
  ctx: CliContext,
  tasks: readonly TaskFile[],
  args: { readonly source: string; readonly out: string; readonly force: boolean },
): Promise<void> {
  const written = await writeTasks(tasks, args.out, { force: args.force, source: args.source });
  for (const w of written) {
    const c = w.counts;
    ctx.stdout.write(`wrote ${w.file}: ${c.demo} demo, ${c.eval} eval, ${c.test} test, ${w.references} references\n`);
  }
}

const FORMATS = [
  defineCommand({
    command: "ape <source>",
    describe: "The original APE instruction-induction layout (raw/induce, raw/execute, annotations), with the APE paper's splits",
    builder: (y) => sourceFlags(y).option("seed", { type: "number", default: 0, describe: "seed of the shuffle that cuts induce into demos and eval" }),
    handler: async (argv, ctx) => write(ctx, await importApe(argv.source, { seed: argv.seed }), argv),
  }),
  defineCommand({
    command: "bigbench <source>",
    describe: "A BIG-bench task.json (target, target_scores or multiple_choice_targets; choices shown as BIG-bench does)",
    builder: (y) =>
      singleTaskFlags(y).option("task-prefix", {
        choices: TASK_PREFIX_USES,
        default: "reference" as const,
        describe: "what the task's task_prefix becomes: a reference instruction, or the start of the eval template",
      }),
    handler: async (argv, ctx) => write(ctx, [await importBigBench(argv.source, { ...taskOptions(argv), taskPrefix: argv.taskPrefix })], argv),
  }),
  defineCommand({
    command: "jsonl <source>",
    describe: 'A JSONL file, one {"input", "output"} per line',
    builder: singleTaskFlags,
    handler: async (argv, ctx) => write(ctx, [await importJsonl(argv.source, taskOptions(argv))], argv),
  }),
  defineCommand({
    command: "csv <source>",
    describe: "A CSV file with a header row",
    builder: (y) =>
      singleTaskFlags(y)
        .option("input-col", { type: "string", default: "input", describe: "column holding the input" })
        .option("output-col", { type: "string", default: "output", describe: "column holding the output" }),
    handler: async (argv, ctx) =>
      write(ctx, [await importCsv(argv.source, { ...taskOptions(argv), inputCol: argv.inputCol, outputCol: argv.outputCol })], argv),
  }),
];

/** The `import` command, one subcommand per source format (main.ts names it and loads this file when it runs). */
export const importCommand = commandBody({
  builder: (y, ctx) => {
    for (const format of FORMATS) format(y, ctx);
    return y.demandCommand(1, "Name a format: ape, bigbench, jsonl or csv.");
  },
  handler: () => undefined,
});
