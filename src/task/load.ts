/** Reading a task from disk. Reads only; never writes. */
import { parseTask } from "./parse.js";
import { readTextFile } from "./read-text.js";
import type { Task } from "./types.js";
import type { TaskOptions } from "./validate.js";

export { FILE_CAP } from "./read-text.js";

/**
 * Load and validate a task file (`.json`, format v1) or a file of examples (`.jsonl`).
 * @throws TaskError when the file cannot be read, is not valid UTF-8, or is not a valid task.
 */
export async function loadTask(file: string, options: TaskOptions = {}): Promise<Task> {
  return parseTask(await readTextFile(file), file, options);
}
