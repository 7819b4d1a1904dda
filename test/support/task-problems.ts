/** The problems a task text is refused for, as `path: message` lines, for tests of task validation. */
import { expect } from "vitest";
import { TaskError } from "../../src/errors.js";
import { parseTask } from "../../src/task/index.js";

/** Parse `text` as the task file `file`, expecting a TaskError; its issues as `path: message`. */
export function problems(text: string, file = "t.json"): string[] {
  try {
    parseTask(text, file);
  } catch (error) {
    expect(error).toBeInstanceOf(TaskError);
    return (error as TaskError).issues.map((i) => `${i.path}: ${i.message}`);
  }
  throw new Error("expected the task to be rejected");
}
