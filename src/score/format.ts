/**
 * Which way the target is sent a task's eval template, decided once from the search's `targetFormat`
 * and the task, so that the scorer, the estimate and the run's identity agree.
 */
import { UsageError } from "../errors.js";
import { option, say } from "../message.js";
import type { Task, TargetFormat } from "../task/types.js";

/**
 * The format of `task`'s eval prompts under `setting`: the setting when it is not `auto`, else the
 * task's own, else chat for an eval template of messages and completion for one text.
 * @throws UsageError for `completion` with an eval template of messages (only the chat route takes messages).
 */
export function targetFormat(task: Task, setting: TargetFormat): "chat" | "completion" {
  const format = setting !== "auto" ? setting : (task.targetFormat ?? (typeof task.templates.eval === "string" ? "completion" : "chat"));
  if (format === "completion" && typeof task.templates.eval !== "string") {
    throw new UsageError(
      say`${option("targetFormat", "completion")} cannot send the eval template of task ${task.name}: it is a list of chat messages, which only the chat route takes. Use ${option("targetFormat", "chat")} (or auto), or write the eval template as one text.`,
    );
  }
  return format;
}
