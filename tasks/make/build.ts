/**
 * Shared by the task generators: a deterministic split layout and the task-file record. Every
 * random choice comes from a seeded generator, so re-running the generators gives the same bytes.
 */
import type { ExampleFile, TaskFile } from "../../src/task/index.js";
import { mulberry32, shuffled, type MetricName, type Random } from "../../src/task/index.js";

/** One generated example before it gets its split. */
export interface Pair {
  readonly input: string;
  readonly output: string | readonly string[];
}

/** What a generator says about its task. */
export interface TaskSpec {
  readonly name: string;
  readonly description: string;
  readonly metric?: MetricName;
  readonly references: readonly string[];
  readonly pairs: readonly Pair[];
}

/**
 * demo: 20% capped at 50; test: at least 10%; eval: at least 100 where that leaves room, half of
 * what demo leaves when there are many; test: the rest.
 */
export function layout(n: number): { demo: number; eval: number } {
  const demo = Math.min(50, Math.round(n * 0.2));
  const rest = n - demo;
  return { demo, eval: Math.min(rest - Math.ceil(n * 0.1), Math.max(100, Math.round(rest / 2))) };
}

/** A random generator seeded from the task name, so tasks do not share random streams. */
export function randomFor(name: string): Random {
  let hash = 2166136261;
  for (const ch of name) hash = Math.imul(hash ^ (ch.codePointAt(0) ?? 0), 16777619) >>> 0;
  return mulberry32(hash);
}

/** Shuffle the pairs (seeded by the task name), give them ids and splits, and build the file. */
export function buildTask(spec: TaskSpec): TaskFile {
  const order = shuffled(spec.pairs, randomFor(`${spec.name}/split`));
  const counts = layout(order.length);
  const examples: ExampleFile[] = order.map((pair, i) => ({
    id: String(i + 1),
    input: pair.input,
    output: typeof pair.output === "string" ? pair.output : [...pair.output],
    split: i < counts.demo ? "demo" : i < counts.demo + counts.eval ? "eval" : "test",
  }));
  return {
    version: 1,
    name: spec.name,
    description: spec.description,
    metric: spec.metric ?? "exact_match",
    references: [...spec.references],
    examples,
  };
}

/** Pick `k` distinct items at random. */
export function sample<T>(items: readonly T[], k: number, random: Random): T[] {
  return shuffled(items, random).slice(0, k);
}
