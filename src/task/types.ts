/**
 * The in-memory shape of a task once loaded and validated. Everything downstream (propose, score,
 * select) reads only this; file formats are the loader's business.
 */
import type { ChatMessage } from "../chat.js";
import type { MetricSpec } from "../metrics/spec.js";
import type { AnswerSettings } from "./answer.js";
import type { Example } from "./example.js";

export { METRICS, type MetricName } from "../metrics/registry.js";
export type { MetricSpec, MetricModuleSpec, JudgeSpec } from "../metrics/spec.js";
export type { AnswerSettings, Extract } from "./answer.js";

/** The three splits of a task. */
export const SPLITS = ["demo", "eval", "test"] as const;
/** Name of a split. */
export type SplitName = (typeof SPLITS)[number];

/**
 * Evaluation protocols a task can declare. `ape-paper`: the splits are the original APE paper's
 * roles (demos and eval from the `induce` data, the whole `execute` data as test), so scores can be
 * set beside the paper's; every example names its split and nothing is re-split.
 */
export const PROTOCOLS = ["ape-paper"] as const;
/** Name of an evaluation protocol. */
export type Protocol = (typeof PROTOCOLS)[number];

/**
 * How the target is sent the eval template: as text to continue (`completion`), or as chat messages
 * the server renders with the model's own chat template (`chat`). `auto`: chat where the eval
 * template is a list of messages, completion where it is one text.
 */
export const TARGET_FORMATS = ["auto", "chat", "completion"] as const;
/** One target format. */
export type TargetFormat = (typeof TARGET_FORMATS)[number];

/**
 * The eval template: one text (`[PROMPT]`, `[INPUT]`, `[OUTPUT]`), or a list of chat messages whose
 * contents hold the placeholders (`[PROMPT]` in the system message, say) and which ends with the
 * user's turn: the model's reply is the answer, so it has no `[OUTPUT]`.
 */
export type EvalTemplate = string | readonly ChatMessage[];

export type { Example } from "./example.js";

/**
 * Prompt templates with the placeholders `[PROMPT] [INPUT] [OUTPUT] [full_DEMO] [APE]`.
 * The wording is ours; the idea of each is the APE paper's.
 */
export interface Templates {
  /** How the target sees a candidate at scoring time: `[PROMPT]`, `[INPUT]`, `[OUTPUT]` (and optionally `[full_DEMO]`), or chat messages. */
  readonly eval: EvalTemplate;
  /** One demo inside `[full_DEMO]`: `[INPUT]`, `[OUTPUT]`. */
  readonly demo: string;
  /** Forward proposal: shows `[full_DEMO]`, ends where the instruction goes (`[APE]`). */
  readonly forward: string;
  /** Reverse proposal: `[APE]` is the blank to fill, text around it is prefix and suffix. */
  readonly reverse: string;
}

/** A validated task. */
export interface Task {
  readonly name: string;
  /** File it was loaded from (or a label for tasks built in code). */
  readonly source: string;
  readonly description: string | undefined;
  /**
   * How an answer is scored: a built-in metric's name, a module of yours (its path relative to the
   * task file) or an LLM judge with a rubric. `search({ metric })` or `--metric` may replace it.
   */
  readonly metric: MetricSpec;
  /** How long the target's answer may be, where it stops, what part of it the metric sees. @default DEFAULT_ANSWER (one line, 48 tokens, whole) */
  readonly answer?: AnswerSettings | undefined;
  /** The evaluation protocol the task's splits follow, when the file declares one. */
  readonly protocol?: Protocol;
  readonly templates: Templates;
  /** How the target is sent the eval template, when the task says (a search's `targetFormat` other than `auto` overrides it). */
  readonly targetFormat?: Exclude<TargetFormat, "auto">;
  /** Human-written reference instructions, scored beside the winner at the end. */
  readonly references: readonly string[];
  readonly splits: Readonly<Record<SplitName, readonly Example[]>>;
}

/** The default templates. */
export const DEFAULT_TEMPLATES: Templates = Object.freeze({
  eval: "Instruction: [PROMPT]\nInput: [INPUT]\nOutput: [OUTPUT]",
  demo: "Input: [INPUT]\nOutput: [OUTPUT]",
  forward:
    "I gave a friend an instruction and some inputs. The friend read the instruction and wrote an output for every one of the inputs. Here are the input-output pairs:\n\n[full_DEMO]\n\nThe instruction was to [APE]",
  reverse: "Instruction: [APE]\n\n[full_DEMO]",
});
