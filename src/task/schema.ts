/**
 * The task file format, version 1, as zod schemas. Only the shape is checked here; the messages a
 * user sees are written in issues.ts, and rules across fields (ids, splits, templates) in validate.ts.
 */
import { z } from "zod";
import { CHAT_ROLES } from "../chat.js";
import { judgeSpecSchema, type MetricSpec, moduleSpecSchema } from "../metrics/spec.js";
import { type AnswerFile, answerSchema } from "./answer.js";
import { PROTOCOLS, SPLITS, TARGET_FORMATS, type Templates } from "./types.js";

/** The longest input, output, reference or template accepted, in characters. */
export const TEXT_CAP = 20_000;
/** The longest task name or example id, in characters. */
export const NAME_CAP = 200;

const text = z.string().max(TEXT_CAP);

/** One example: an input and one or more acceptable outputs, optionally with its split. */
export const exampleSchema = z.strictObject({
  id: z.string().min(1).max(NAME_CAP).optional(),
  input: text,
  output: z.union([text, z.array(text).min(1)]),
  split: z.enum(SPLITS).optional(),
});
/** An example as written in a file. */
export type ExampleFile = z.infer<typeof exampleSchema>;

const fraction = z.number().min(0).max(1);

/** Fractions of the examples for each split, and the seed of the shuffle. */
export const splitSchema = z.strictObject({
  demo: fraction.optional(),
  eval: fraction.optional(),
  test: fraction.optional(),
  seed: z.number().int().optional(),
});
/** The `split` field as written in a file. */
export type SplitFile = z.infer<typeof splitSchema>;

/** One message of an eval template given as a chat. */
export const messageSchema = z.strictObject({ role: z.enum(CHAT_ROLES), content: text });

/** Templates given in a file; each one left out keeps its default. The eval template may be a list of chat messages. */
export const templatesSchema = z.strictObject({
  eval: z.union([text, z.array(messageSchema).min(1)]).optional(),
  demo: text.optional(),
  forward: text.optional(),
  reverse: text.optional(),
});

/** The top level of a task file; `examples` are checked one by one (exampleSchema). */
export const taskFileSchema = z.strictObject({
  version: z.literal(1).optional(),
  name: z.string().min(1).max(NAME_CAP),
  description: z.string().max(TEXT_CAP).optional(),
  /** Checked on its own (metric-field.ts), with messages that list its forms. */
  metric: z.unknown().optional(),
  protocol: z.enum(PROTOCOLS).optional(),
  templates: templatesSchema.optional(),
  targetFormat: z.enum(TARGET_FORMATS.filter((f) => f !== "auto")).optional(),
  answer: answerSchema.optional(),
  references: z.array(text.min(1)).optional(),
  split: splitSchema.optional(),
  examples: z.array(z.unknown()).min(1),
});

/** The field names each object in a task file may have, for "did you mean" hints. */
export const KNOWN_FIELDS = {
  top: Object.keys(taskFileSchema.shape),
  example: Object.keys(exampleSchema.shape),
  split: Object.keys(splitSchema.shape),
  templates: Object.keys(templatesSchema.shape),
  message: Object.keys(messageSchema.shape),
  answer: Object.keys(answerSchema.shape),
  extract: ["regex", "json"],
  metric: [...Object.keys(moduleSpecSchema.shape), ...Object.keys(judgeSpecSchema.shape)],
  judge: ["rubric"],
} as const;

/** A task file as written, after its shape has been checked. */
export interface TaskFile {
  readonly version?: 1;
  readonly name: string;
  readonly description?: string;
  readonly metric?: MetricSpec;
  readonly protocol?: (typeof PROTOCOLS)[number];
  readonly templates?: Partial<Templates>;
  readonly targetFormat?: "chat" | "completion";
  readonly answer?: AnswerFile;
  readonly references?: readonly string[];
  readonly split?: SplitFile;
  readonly examples: readonly ExampleFile[];
}
