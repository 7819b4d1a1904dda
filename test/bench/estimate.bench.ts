/**
 * Estimate accuracy: `estimate()` before a search versus what the search really sent (the run's
 * token totals, counted by the server), for a few settings. Goal: tokens within ±10%. The last
 * column is the estimate the search makes again once its proposals are known.
 * The world has 192 distinct proposals, so duplicates (which the estimate cannot foresee) are few.
 *
 * Then its speed: a suite estimate of five shipped tasks (every planned request's tokens, as
 * `ape estimate --suite` counts them, lines shared by prompts counted once) against tokenizing every
 * planned request whole, as ape did before; the same counts either way.
 */
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { encoding_for_model } from "@dqbd/tiktoken";
import { estimate, search, type Estimate, type SearchOptions } from "../../src/index.js";
import { requestText } from "../../src/accounting/tokens.js";
import { estimatePlan } from "../../src/estimate/estimate.js";
import { plannedRequests, type PlannedRequest } from "../../src/estimate/plan.js";
import type { Task } from "../../src/task/types.js";
import { planSuite } from "../../src/estimate/suite.js";
import { resolveSearch } from "../../src/options/resolve-search.js";
import { loadSuiteTasks } from "../../src/task/task-files.js";
import { BENCH_WORLD, benchTask, fmt, startBenchServer } from "./gateway-support.js";

const SUITE = ["antonyms", "larger_animal", "informal_to_formal", "cause_and_effect", "common_concept"];

const pct = (actual: number, planned: number): string => `${actual >= planned ? "+" : ""}${fmt(((actual - planned) / planned) * 100, 1)}%`;

/** Run the comparison. */
export async function run(): Promise<void> {
  const server = await startBenchServer();
  const { task, db } = benchTask();
  const settings: readonly [string, Partial<SearchOptions>][] = [
    ["multistage, 40 candidates", { candidates: 40 }],
    ["multistage, 20 candidates, 2 rounds", { candidates: 20, rounds: 2 }],
    ["exhaustive, 20 candidates", { candidates: 20, selector: "exhaustive" }],
    ["logprob scorer, 20 candidates", { candidates: 20, scorer: "logprob" }],
  ];
  console.log("estimate accuracy: actual versus estimated (the estimate is meant as an upper bound on calls, but where every candidate scores alike)");
  console.log(
    `${"settings".padEnd(38)} ${"calls".padStart(14)} ${"prompt tokens".padStart(22)} ${"completion tokens".padStart(20)} ${"all tokens".padStart(10)} ${"after proposals".padStart(15)}`,
  );
  let i = 0;
  for (const [name, extra] of settings) {
    const options: SearchOptions = { task, model: "vllm:sim-model", baseUrls: [server.url], seed: 3, db: db(`estimate-${i++}`), ...extra };
    const e = await estimate(options);
    let refined: Estimate | undefined;
    const r = await search({
      ...options,
      onEvent: (ev) => {
        if (ev.type === "estimate" && ev.basis === "proposals") refined = ev.estimate;
      },
    });
    const t = r.totals;
    const planned = e.total.promptTokens + e.total.completionTokens;
    const actual = t.promptTokens + t.completionTokens;
    const replanned = refined === undefined ? NaN : refined.total.promptTokens + refined.total.completionTokens;
    console.log(
      `${name.padEnd(38)} ${`${t.calls}/${e.total.calls}`.padStart(9)} ${pct(t.calls, e.total.calls).padStart(6)} ${`${t.promptTokens}/${e.total.promptTokens}`.padStart(13)} ${pct(t.promptTokens, e.total.promptTokens).padStart(7)} ${`${t.completionTokens}/${e.total.completionTokens}`.padStart(12)} ${pct(t.completionTokens, e.total.completionTokens).padStart(7)} ${pct(actual, planned).padStart(8)} ${pct(actual, replanned).padStart(15)}`,
    );
  }
  await server.close();
  await estimateSpeed();
}

/** How long some work took, and what it gave. */
interface Timed {
  readonly median: number;
  readonly first: number;
  readonly value: number;
}

/** Milliseconds of `work`, median of 5 (the first with a cold line cache, also given), and its last value. */
function timed(work: () => number): Timed {
  const ms: number[] = [];
  let value = NaN;
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    value = work();
    ms.push(performance.now() - t0);
  }
  return { median: [...ms].sort((a, b) => a - b)[2] ?? NaN, first: ms[0] ?? NaN, value };
}

/**
 * A five-task suite's estimate, and one search's estimate once its 40 proposals are known, against
 * tokenizing each of their planned requests whole.
 */
async function estimateSpeed(): Promise<void> {
  const tasks = await loadSuiteTasks(
    SUITE.map((name) => join(import.meta.dirname, "../../tasks", `${name}.json`)),
    undefined,
  );
  const resolved = resolveSearch({ model: "openai:gpt-4o-mini" });
  const enc = encoding_for_model("gpt-4o-mini");
  const whole = (plans: readonly PlannedRequest[][]): number => {
    let tokens = 0;
    for (const p of plans.flat()) tokens += p.times * enc.encode_ordinary(requestText(p.call)).length;
    return tokens;
  };
  const suitePlans = tasks.map((task) => [...plannedRequests(task, resolved).requests]);
  const suiteNow = timed(() => planSuite(tasks, resolved).total.promptTokens);
  const suiteWhole = timed(() => whole(tasks.map((task) => [...plannedRequests(task, resolved).requests])));
  const antonyms = tasks[0] as Task;
  const pool = { instructions: BENCH_WORLD.proposals.slice(0, 40), spent: { calls: 0, promptTokens: 0, completionTokens: 0 } };
  const poolPlan = [...plannedRequests(antonyms, resolved, pool).requests];
  const poolNow = timed(() => estimatePlan(antonyms, resolved, pool).total.promptTokens);
  // Known proposals count at their cost, so the estimate leaves out the proposal requests.
  const poolWhole = timed(() => whole([plannedRequests(antonyms, resolved, pool).requests.filter((p) => p.stage !== "propose")]));
  enc.free();
  const line = (what: string, requests: number, now: Timed, before: Timed): void =>
    console.log(
      `${what}, ${requests} planned requests: ${fmt(now.median, 1)} ms (${fmt(now.first, 1)} ms with a cold line cache) against ${fmt(before.median, 1)} ms tokenizing each request whole (${fmt(before.median / now.median, 1)}×); prompt tokens ${Math.round(now.value)} and ${Math.round(before.value)}`,
    );
  console.log("estimate speed (medians of 5; lines that prompts share are counted once):");
  line(`  suite of ${SUITE.length} shipped tasks`, suitePlans.flat().length, suiteNow, suiteWhole);
  line("  antonyms once 40 proposals are known (the search's second estimate)", poolPlan.length, poolNow, poolWhole);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) await run();
