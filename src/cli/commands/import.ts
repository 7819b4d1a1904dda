/**
 * `ape import ape|bigbench|jsonl|csv SOURCE --out DIR`: turn data in another format into task files
 * (format v1), validated before they are written; prints each file written with its split counts.
 */
import type { Argv, CommandModule } from "yargs";
import { UsageError } from "../../errors.js";
import { importApe } from "../../task/import/ape.js";
import { TASK_PREFIX_USES, importBigBench } from "../../task/import/bigbench.js";
import { importCsv, importJsonl } from "../../task/import/table.js";
import { writeTasks } from "../../task/import/write.js";
import { METRICS, type MetricName, type TaskFile } from "../../task/index.js";
import type { CliContext, CommandFactory } from "../context.js";

type Args = Readonly<Record<string, unknown>>;

function text(args: Args, key: string): string | undefined {
  const value = args[key];
  return typeof value === "string" ? value : undefined;
}

function metricOf(args: Args): MetricName | undefined {
  const value = text(args, "metric");
  if (value === undefined) return undefined;
  const found = METRICS.find((m) => m === value);
  if (!found) throw new UsageError(`unknown --metric ${value}; valid metrics: ${METRICS.join(", ")}`);
  return found;
}

/** Options given to a single-task importer: only those the user set. */
function tableOptions(args: Args): { name?: string; metric?: MetricName } {
  const name = text(args, "name");
  const metric = metricOf(args);
  return { ...(name === undefined ? {} : { name }), ...(metric === undefined ? {} : { metric }) };
}

async function write(ctx: CliContext, tasks: readonly TaskFile[], source: string, args: Args): Promise<void> {
  const written = await writeTasks(tasks, text(args, "out") ?? "tasks", { force: args.force === true, source });
  for (const w of written) {
    const c = w.counts;
    ctx.stdout.write(`wrote ${w.file}: ${c.demo} demo, ${c.eval} eval, ${c.test} test, ${w.references} references\n`);
  }
}

interface Format {
  readonly name: string;
  /** One task from one file: --name and --metric apply (the APE layout names its tasks itself). */
  readonly single: boolean;
  readonly describe: string;
  readonly options?: (y: Argv) => Argv;
  readonly read: (source: string, args: Args) => Promise<TaskFile[]>;
}

const FORMATS: readonly Format[] = [
  {
    name: "ape",
    single: false,
    describe: "The original APE instruction-induction layout (raw/induce, raw/execute, annotations), with the APE paper's splits",
    options: (y) => y.option("seed", { type: "number", default: 0, describe: "seed of the shuffle that cuts induce into demos and eval" }),
    read: (source, args) => importApe(source, { seed: typeof args.seed === "number" ? args.seed : 0 }),
  },
  {
    name: "bigbench",
    single: true,
    describe: "A BIG-bench task.json (target, target_scores or multiple_choice_targets; choices shown as BIG-bench does)",
    options: (y) =>
      y.option("task-prefix", {
        type: "string",
        choices: [...TASK_PREFIX_USES],
        default: "reference",
        describe: "what the task's task_prefix becomes: a reference instruction, or the start of the eval template",
      }),
    read: async (source, args) => {
      const taskPrefix = TASK_PREFIX_USES.find((use) => use === text(args, "taskPrefix")) ?? "reference";
      return [await importBigBench(source, { ...tableOptions(args), taskPrefix })];
    },
  },
  {
    name: "jsonl",
    single: true,
    describe: 'A JSONL file, one {"input", "output"} per line',
    read: async (source, args) => [await importJsonl(source, tableOptions(args))],
  },
  {
    name: "csv",
    single: true,
    describe: "A CSV file with a header row",
    options: (y) =>
      y
        .option("input-col", { type: "string", default: "input", describe: "column holding the input" })
        .option("output-col", { type: "string", default: "output", describe: "column holding the output" }),
    read: async (source, args) => [
      await importCsv(source, {
        ...tableOptions(args),
        inputCol: text(args, "inputCol") ?? "input",
        outputCol: text(args, "outputCol") ?? "output",
      }),
    ],
  },
];

/** The `import` command, one subcommand per source format. */
export const importCommand: CommandFactory = (ctx) => ({
  command: "import",
  describe: "Convert tasks from another format (ape, bigbench, jsonl, csv) into task files",
  builder: (y: Argv) => {
    let out = y
      .option("out", { type: "string", default: "tasks", describe: "folder to write the task files to" })
      .option("force", { type: "boolean", default: false, describe: "replace task files that already exist" });
    for (const format of FORMATS) {
      const module: CommandModule = {
        command: `${format.name} <source>`,
        describe: format.describe,
        builder: (sub: Argv) => {
          let base = sub.positional("source", { type: "string", describe: "file or folder to import" });
          if (format.single)
            base = base
              .option("name", { type: "string", describe: "task name (default: from the source)" })
              .option("metric", { type: "string", choices: [...METRICS], describe: "metric (default: exact_match)" });
          return format.options ? format.options(base) : base;
        },
        handler: async (argv) => {
          const args = argv as Args;
          const source = text(args, "source");
          if (!source) throw new UsageError(`name the ${format.name} file or folder to import`);
          await write(ctx, await format.read(source, args), source, args);
        },
      };
      out = out.command(module);
    }
    return out.demandCommand(1, "Name a format: ape, bigbench, jsonl or csv.");
  },
  handler: () => undefined,
});
