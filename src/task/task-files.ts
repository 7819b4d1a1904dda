/** The tasks of a suite: files and folders of task files expanded, each task loaded and checked. */
import { readdir, stat } from "node:fs/promises";
import { extname, join, resolve } from "node:path";
import { UsageError } from "../errors.js";
import { loadTask } from "./index.js";
import type { Protocol, Task } from "./types.js";
import { option, say } from "../message.js";

const TASK_EXTENSIONS = new Set([".json", ".jsonl"]);

/** Load every task named: a folder stands for its `*.json` and `*.jsonl` files, in name order. */
export async function loadSuiteTasks(items: readonly (string | Task)[], protocol: Protocol | undefined): Promise<Task[]> {
  if (items.length === 0) throw new UsageError(say`a suite needs tasks: give ${option("tasks")} a folder of task files or several task files.`);
  const tasks: Task[] = [];
  for (const item of items) {
    if (typeof item !== "string") tasks.push(item);
    else for (const file of await taskFiles(item)) tasks.push(await loadTask(file));
  }
  const seen = new Map<string, string>();
  for (const t of tasks) {
    const key = resolve(t.source);
    if (seen.has(key)) throw new UsageError(`task ${t.source} is named twice in the suite; name each task once.`);
    seen.set(key, t.name);
    if (protocol !== undefined && t.protocol !== protocol) {
      throw new UsageError(
        say`${option("protocol", protocol)}: task ${t.source} does not declare "protocol": "${protocol}". Import the original tasks with \`ape import ape\` (which writes it), or drop ${option("protocol")}.`,
      );
    }
  }
  return tasks;
}

async function taskFiles(path: string): Promise<string[]> {
  let isDir: boolean;
  try {
    isDir = (await stat(path)).isDirectory();
  } catch {
    // A missing file is reported by the loader, naming it.
    return [path];
  }
  if (!isDir) return [path];
  const files = (await readdir(path)).filter((f) => TASK_EXTENSIONS.has(extname(f))).sort();
  if (files.length === 0) throw new UsageError(say`no task files (*.json, *.jsonl) in ${path}; give ${option("tasks")} a folder of task files.`);
  return files.map((f) => join(path, f));
}
