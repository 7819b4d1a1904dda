/**
 * The task a run used, read back from the database (`store/tasks.ts`) and checked against the
 * task schemas: what `ape show`, `ape export` and the report print inputs and expected outputs from
 * when the task file has moved, changed, or never existed (a task built in code).
 */
import { z } from "zod";
import type { TaskReader } from "../store/tasks.js";
import { templatesSchema } from "./schema.js";
import { type Example, SPLITS, type SplitName, type Templates } from "./types.js";

/** One stored example with its split. */
export interface StoredExample extends Example {
  readonly split: SplitName;
}

/** A task as a run stored it. */
export interface StoredTask {
  /** The task's hash (`runs.task_hash`, `tasks.hash`). */
  readonly hash: string;
  readonly name: string;
  readonly description: string | null;
  readonly templates: Templates;
  /** Every example, split by split (demo, eval, test) in the task's order. */
  readonly examples: readonly StoredExample[];
}

const outputsSchema = z.array(z.string()).min(1);
const splitSchema = z.enum(SPLITS);
/** Templates as stored: all four, as the task had them. */
const templatesStored = templatesSchema.required();

/** The task run `runId` used, or undefined when the file predates stored tasks or the run never recorded one. */
export function storedTask(store: TaskReader, runId: string): StoredTask | undefined {
  const row = store.runTask(runId);
  if (row === undefined) return undefined;
  return {
    hash: row.hash,
    name: row.name,
    description: row.description,
    templates: templatesStored.parse(row.templates),
    examples: row.examples.map((e) => ({ id: e.id, split: splitSchema.parse(e.split), input: e.input, outputs: outputsSchema.parse(e.outputs) })),
  };
}
