/**
 * `ape tasks [DIR|FILE…]`: a table of the tasks in folders and files (default: the folder tasks).
 * `ape tasks validate F…`: check task files (and load their metric modules) and print each one's
 * problems; exit code 2 if any is invalid. Paths appear in messages exactly as the user typed them.
 */
import { readdir, stat } from "node:fs/promises";
import type { Stats } from "node:fs";
import { dirname } from "node:path";
import { TaskError, UsageError } from "../../errors.js";
import { type Column, table } from "../../text/table.js";
import { loadMetricModule } from "../../metrics/load-module.js";
import { metricLabel } from "../../metrics/spec.js";
import { say } from "../../message.js";
import { loadTask } from "../../task/index.js";
import { under } from "../../task/paths.js";
import { type CliContext, commandBody, defineCommand } from "../context.js";
import { codeOf } from "../../caught.js";

/** The task files named by `paths`: each folder's *.json and *.jsonl files, and each file itself. */
async function taskFiles(paths: readonly string[]): Promise<string[]> {
  const files: string[] = [];
  for (const path of paths) {
    let info: Stats;
    try {
      info = await stat(path);
    } catch (error) {
      const code = codeOf(error);
      const why = code === "ENOENT" ? "no such file or folder" : String(code ?? error);
      throw new UsageError(`cannot read ${path}: ${why}; give task files or folders of them`);
    }
    if (!info.isDirectory()) {
      files.push(path);
      continue;
    }
    const names = (await readdir(path)).filter((n) => n.endsWith(".json") || n.endsWith(".jsonl")).sort();
    if (names.length === 0) throw new UsageError(`no task files (*.json, *.jsonl) in ${path}`);
    files.push(...names.map((name) => under(path, name)));
  }
  return files;
}

async function listTasks(ctx: CliContext, paths: readonly string[]): Promise<void> {
  const files = await taskFiles(paths);
  const rows: string[][] = [];
  const broken: TaskError[] = [];
  for (const file of files) {
    try {
      const task = await loadTask(file);
      const s = task.splits;
      rows.push([task.name, `${s.demo.length}`, `${s.eval.length}`, `${s.test.length}`, metricLabel(task.metric), `${task.references.length}`]);
    } catch (error) {
      if (!(error instanceof TaskError)) throw error;
      broken.push(error);
    }
  }
  const count = (header: string): Column => ({ header, align: "right" });
  ctx.stdout.write(table([{ header: "name" }, count("demo"), count("eval"), count("test"), { header: "metric" }, count("references")], rows));
  if (broken.length > 0) {
    for (const error of broken) ctx.stderr.write(`${error.message}\n`);
    throw new UsageError(`${broken.length} of ${files.length} task files in ${paths.join(", ")} are invalid; see above`);
  }
}

async function validateFiles(ctx: CliContext, files: readonly string[], seed: number | undefined): Promise<void> {
  let bad = 0;
  for (const file of files) {
    try {
      const task = await loadTask(file, seed === undefined ? {} : { seed });
      // A metric module is loaded as a search loads it (its top-level code runs): missing, without
      // the export, or exporting no metric is a problem of the file.
      const metric = task.metric;
      if (typeof metric === "object" && "module" in metric) await loadMetricModule(metric, dirname(file), say`task file ${file}: metric.module`);
      const s = task.splits;
      ctx.stdout.write(`OK ${file} (${task.name}: ${s.demo.length} demo, ${s.eval.length} eval, ${s.test.length} test, ${metricLabel(task.metric)})\n`);
    } catch (error) {
      if (!(error instanceof TaskError || error instanceof UsageError)) throw error;
      bad++;
      ctx.stdout.write(`INVALID ${file}\n`);
      ctx.stderr.write(`${error.message}\n`);
    }
  }
  if (bad > 0) throw new UsageError(`${bad} of ${files.length} task files are invalid`);
}

/** `ape tasks validate F…`. */
const validateCommand = defineCommand({
  command: "validate <files..>",
  describe: "Check task files and print each one's problems (exit code 2 if any is invalid)",
  builder: (y) =>
    y
      .positional("files", { type: "string", array: true, demandOption: true, describe: "task files (.json or .jsonl)" })
      .option("seed", { type: "number", describe: "seed of the split shuffle (default: the file's, else 0)" }),
  handler: (argv, ctx) => validateFiles(ctx, argv.files, argv.seed),
});

/** The `tasks` command (a table of a folder's tasks) and its `validate` subcommand (main.ts names it and loads this file when it runs). */
export const tasksCommand = commandBody({
  builder: (y, ctx) => {
    validateCommand(y, ctx);
    return y.positional("paths", { type: "string", array: true, describe: "task folders or files (default: tasks)" });
  },
  handler: (argv, ctx) => listTasks(ctx, argv.paths !== undefined && argv.paths.length > 0 ? argv.paths : ["tasks"]),
});
