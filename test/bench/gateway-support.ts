/**
 * Shared pieces of the Gateway benchmarks: a world with many distinct proposals (so the pool is as
 * large as asked and an estimate is not thrown off by duplicates), its task file, counters of
 * what a simulated server was asked, and the bare loop of `openai` calls a search is measured against.
 */
import { join } from "node:path";
import OpenAI from "openai";
import pLimit from "p-limit";
import { at } from "../../src/at.js";
import { INPUTS, WORLD } from "../support/sim/fixture.js";
import { startSimServer } from "../support/sim/index.js";
import type { FaultConfig, SimServer, SimWorld } from "../support/sim/index.js";
import { writeWorldTask } from "../support/task-fixture.js";
import { tempDir } from "../support/temp.js";

const VERBS = ["Write", "Give", "Say", "State", "Name", "Provide", "Return", "Produce"];
const WHATS = ["the antonym of", "the opposite of", "the antonym, the opposite of", "a synonym of", "a rhyme for", "the plural of"];
const NOUNS = ["the word", "the input", "the given word", "each word"];

/** WORLD with 192 distinct proposals of every quality level. */
export const BENCH_WORLD: SimWorld = {
  ...WORLD,
  proposals: VERBS.flatMap((v) => WHATS.flatMap((w) => NOUNS.map((n) => `${v} ${w} ${n}.`))),
};

/** BENCH_WORLD with only `distinct` of its proposals, taken evenly along its list (every quality level): a small pool. */
export function smallPoolWorld(distinct: number): SimWorld {
  const step = Math.max(1, Math.floor(BENCH_WORLD.proposals.length / distinct));
  return { ...BENCH_WORLD, proposals: BENCH_WORLD.proposals.filter((_, i) => i % step === 0).slice(0, distinct) };
}

/** Start a simulated vLLM server on BENCH_WORLD (or `world`). */
export function startBenchServer(faults: FaultConfig = {}, seed = 7, maxPromptsPerRequest = 64, world = BENCH_WORLD): Promise<SimServer> {
  return startSimServer({ world, seed, faults, logLimit: Infinity, maxPromptsPerRequest });
}

/** A fresh directory with the world's task (100 examples: 20 demo, 40 eval, 40 test). */
export function benchTask(): { dir: string; task: string; db: (name: string) => string } {
  const dir = tempDir("ape-bench-");
  const task = writeWorldTask(dir, { examples: INPUTS.map((input, i) => ({ id: String(i), input, output: `opposite-${i}` })) });
  return { dir, task, db: (name) => join(dir, `${name}.db`) };
}

/** Requests and prompts the server answered for searches (probes ask for at most 1 token). */
export function searchTraffic(stats: Pick<SimServer["stats"], "log">): { requests: number; prompts: number; bodies: Record<string, unknown>[] } {
  const bodies = stats.log
    .filter(
      (e) =>
        e.path === "/v1/completions" &&
        typeof e.body === "object" &&
        e.body !== null &&
        Number((e.body as { max_tokens?: unknown }).max_tokens) > 1 &&
        e.outcome === 200,
    )
    .map((e) => e.body as Record<string, unknown>);
  const prompts = bodies.reduce((n, b) => n + (Array.isArray(b.prompt) ? b.prompt.length : 1), 0);
  return { requests: bodies.length, prompts, bodies };
}

/** A number with `digits` decimals. */
export const fmt = (n: number, digits = 2): string => n.toFixed(digits);

/** A plain `openai` client of `url`: no retries, the built-in fetch. */
export function bareClient(url: string): OpenAI {
  return new OpenAI({ baseURL: url, apiKey: "x", maxRetries: 0 });
}

/**
 * `count` eval-shaped requests through bare `openai` clients (round-robin over them) with at most
 * `concurrency` in flight: the baseline a search's throughput is compared with. Milliseconds taken.
 */
export async function bareLoop(clients: readonly OpenAI[], count: number, concurrency: number): Promise<number> {
  const limit = pLimit(concurrency);
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: count }, (_, i) =>
      limit(() =>
        at(clients, i % clients.length).completions.create({
          model: "sim-model",
          prompt: `Instruction: Give the antonym of the word.\nInput: word${i % 100}\nOutput:`,
          max_tokens: 48,
          temperature: 0,
          stop: ["\n"],
        }),
      ),
    ),
  );
  return performance.now() - t0;
}

/** The median of `xs` (the upper one of an even count). */
export const median = (xs: readonly number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
