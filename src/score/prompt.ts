/**
 * The target's view of an item: the eval template rendered for it, as text up to `[OUTPUT]` (the
 * completion format) or as chat messages whose reply is the answer (the chat format; a text template
 * is then one user turn). The boundary is kept clean for log-prob scoring: a text prefix has no
 * trailing whitespace, the answer carries it.
 */
import type { ChatMessage } from "../chat.js";
import { render, splitAt, type TemplateValues } from "../template.js";
import type { Task } from "../task/types.js";
import type { ScoreItem } from "./scorer.js";

/** The eval prompt of an item in the completion format, split where the answer goes. */
export interface TextPrompt {
  readonly format: "completion";
  /** Everything before the answer, without trailing whitespace. */
  readonly prefix: string;
  /** Whitespace that separates the answer from the prefix (at least one space). */
  readonly gap: string;
}

/** The eval prompt of an item in the chat format: the messages the model replies to with its answer. */
export interface ChatEvalPrompt {
  readonly format: "chat";
  readonly messages: readonly ChatMessage[];
}

/** The eval prompt of an item. */
export type EvalPrompt = TextPrompt | ChatEvalPrompt;

/**
 * Render the eval template for an item in `format` (see `targetFormat`, which refuses the completion
 * format for a template of messages); `demos` fills `[full_DEMO]` where the template has it.
 */
export function evalPrompt(task: Task, item: ScoreItem, demos: string, format: "chat" | "completion"): EvalPrompt {
  const values: TemplateValues = { PROMPT: item.instruction, INPUT: item.example.input, full_DEMO: demos };
  const template = task.templates.eval;
  if (typeof template !== "string") return { format: "chat", messages: template.map((m) => ({ role: m.role, content: render(m.content, values) })) };
  const text = render(splitAt(template, "OUTPUT").before, values);
  const prefix = text.trimEnd();
  if (format === "chat") return { format, messages: [{ role: "user", content: prefix }] };
  const gap = text.slice(prefix.length);
  return { format, prefix, gap: gap === "" ? " " : gap };
}
