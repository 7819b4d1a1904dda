/**
 * Time to result: how long a whole search takes against a remote-like server (300 ms per request)
 * at concurrency 8, 32 and 64, for exhaustive, multistage, halving and ucb side by side in one run
 * (40 candidates asked, `--batch 1`, so every evaluation is one request).
 *
 * - wall: the whole search, probe to finalize;
 * - ideal: the time before selection begins (probe and proposals, as measured) plus the requests
 *   sent after it, `requests / concurrency × latency`: what a search would take if every slot were
 *   busy from the first evaluation to the last;
 * - the goals of issue 15: multistage ≤ 0.5 × exhaustive's wall time at concurrency 32 and 64, and
 *   ≤ 1.5 × its own ideal at every concurrency.
 *
 * Then a small pool, as users meet with a narrow task: a world of 14 distinct proposals, so the 40
 * asked give 10–15 distinct candidates, at concurrency 32: multistage against its own ideal (goal
 * ≤ 1.5, issue 24) and against exhaustive. With few candidates the race has few challengers to fill
 * the slots with.
 *
 * Then the selection-quality figures (test/bench/selection.bench.ts) of multistage at the default
 * race width against each of these servers, and what wider steps would cost and buy: the choice of
 * `--race-width` and `extraZ`.
 */
import { pathToFileURL } from "node:url";
import { search, type SelectorName } from "../../src/index.js";
import { createSelector, RACE_WIDTH, type MultistageOptions, type Slots } from "../../src/select/index.js";
import { benchTask, fmt } from "./gateway-support.js";
import { measure, type Figures } from "./selection.bench.js";
import { startSimProcess } from "./sim-process.js";

const LATENCY_MS = 300;
const CONCURRENCIES = [8, 32, 64] as const;
const SELECTORS: readonly SelectorName[] = ["exhaustive", "multistage", "halving", "ucb"];
const GOAL = { vsExhaustive: 0.5, vsIdeal: 1.5 } as const;
/** Distinct proposals of the small pool's world, and the concurrency it is timed at. */
const SMALL_POOL = { distinct: 14, concurrency: 32 } as const;

/** What one search took. */
interface Timing {
  readonly selector: SelectorName;
  readonly concurrency: number;
  /** Paid requests in all (with --batch 1, one per call). */
  readonly requests: number;
  /** Distinct candidates in the pool. */
  readonly candidates: number;
  readonly wallMs: number;
  readonly idealMs: number;
  /** When each stage began, in ms from the start. */
  readonly stages: readonly string[];
}

async function timeSearch(url: string, task: string, db: string, selector: SelectorName, concurrency: number): Promise<Timing> {
  let requests = 0;
  let before = 0;
  let selectAt = 0;
  const stages: string[] = [];
  const t0 = performance.now();
  const result = await search({
    task,
    db,
    model: "vllm:sim-model",
    baseUrls: [url],
    candidates: 40,
    batch: 1,
    concurrency,
    selector,
    onEvent: (e) => {
      if (e.type === "stage") {
        stages.push(`${e.stage} ${fmt((performance.now() - t0) / 1000, 1)}`);
        if (e.stage === "select" && selectAt === 0) {
          selectAt = performance.now() - t0;
          before = requests;
        }
      }
      if (e.type === "call" && !e.call.cached) requests++;
    },
  });
  const wallMs = performance.now() - t0;
  const idealMs = selectAt + ((requests - before) / concurrency) * LATENCY_MS;
  return { selector, concurrency, requests, candidates: result.candidates.length, wallMs, idealMs, stages };
}

/** Run the searches and print the table, the goals and the selection quality. */
export async function run(): Promise<void> {
  const server = await startSimProcess({ latencyMs: LATENCY_MS });
  const { task, db } = benchTask();
  await timeSearch(server.url, task, db("warm"), "multistage", 64); // JIT and server warm-up
  const rows: Timing[] = [];
  for (const concurrency of CONCURRENCIES) {
    for (const selector of SELECTORS) rows.push(await timeSearch(server.url, task, db(`${selector}-${concurrency}`), selector, concurrency));
  }
  await server.close();

  console.log(
    `time to result: latency ${LATENCY_MS} ms, 40 candidates asked, --batch 1 (one request per evaluation); ideal = probe and proposals as measured + requests after them / concurrency × latency`,
  );
  console.log(
    `${"concurrency".padEnd(12)} ${"selector".padEnd(11)} ${"requests".padStart(8)} ${"wall s".padStart(7)} ${"ideal s".padStart(8)} ${"/ideal".padStart(7)} ${"/exhaustive".padStart(11)}  stages began at (s)`,
  );
  for (const r of rows) {
    const exhaustive = rows.find((x) => x.concurrency === r.concurrency && x.selector === "exhaustive");
    const vs = exhaustive ? fmt(r.wallMs / exhaustive.wallMs) : "-";
    console.log(
      `${String(r.concurrency).padEnd(12)} ${r.selector.padEnd(11)} ${String(r.requests).padStart(8)} ${fmt(r.wallMs / 1000).padStart(7)} ${fmt(r.idealMs / 1000).padStart(8)} ${fmt(r.wallMs / r.idealMs).padStart(7)} ${vs.padStart(11)}  ${r.stages.join(", ")}`,
    );
  }
  for (const concurrency of CONCURRENCIES) {
    const m = rows.find((x) => x.concurrency === concurrency && x.selector === "multistage");
    const e = rows.find((x) => x.concurrency === concurrency && x.selector === "exhaustive");
    if (!m || !e) continue;
    const ratio = m.wallMs / e.wallMs;
    const ideal = m.wallMs / m.idealMs;
    const vsExhaustive =
      concurrency >= 32 ? `wall/exhaustive ${fmt(ratio)} (goal ≤ ${GOAL.vsExhaustive}: ${ratio <= GOAL.vsExhaustive ? "MET" : "NOT MET"}); ` : "";
    console.log(
      `goal, multistage at concurrency ${concurrency}: ${vsExhaustive}wall/ideal ${fmt(ideal)} (goal ≤ ${GOAL.vsIdeal}: ${ideal <= GOAL.vsIdeal ? "MET" : "NOT MET"})`,
    );
  }

  await smallPool();
  await quality();
}

/** Exhaustive and multistage on a pool of 10–15 distinct candidates at concurrency 32, each against its own ideal. */
async function smallPool(): Promise<void> {
  const server = await startSimProcess({ latencyMs: LATENCY_MS }, 64, SMALL_POOL.distinct);
  const { task, db } = benchTask();
  const { concurrency } = SMALL_POOL;
  await timeSearch(server.url, task, db("small-warm"), "multistage", concurrency);
  const e = await timeSearch(server.url, task, db("small-exhaustive"), "exhaustive", concurrency);
  const m = await timeSearch(server.url, task, db("small-multistage"), "multistage", concurrency);
  await server.close();
  console.log(`small pool: a world of ${SMALL_POOL.distinct} distinct proposals, 40 asked, concurrency ${concurrency}, latency ${LATENCY_MS} ms, --batch 1`);
  for (const r of [e, m]) {
    console.log(
      `  ${r.selector.padEnd(11)} ${r.candidates} candidates, ${r.requests} requests, wall ${fmt(r.wallMs / 1000)} s, ideal ${fmt(r.idealMs / 1000)} s, wall/ideal ${fmt(r.wallMs / r.idealMs)}; stages began at ${r.stages.join(", ")} s`,
    );
  }
  const ideal = m.wallMs / m.idealMs;
  console.log(
    `goal, multistage on the small pool: wall/ideal ${fmt(ideal)} (goal ≤ ${GOAL.vsIdeal}: ${ideal <= GOAL.vsIdeal ? "MET" : "NOT MET"}); wall/exhaustive ${fmt(m.wallMs / e.wallMs)}`,
  );
}

/**
 * The selection benchmark's figures for multistage at the default race width against servers of
 * the concurrencies above (and the CLI's default, concurrency 8 with --batch 16: the ranking is the
 * same, the latencies differ), then other race widths at 64 slots: what wider steps buy in
 * latencies (virtual time, see virtual-server.ts) and cost in quality.
 */
async function quality(): Promise<void> {
  console.log(
    `selection quality of multistage (test/bench/selection.bench.ts: 50 candidates, 100 examples, 200 trials; goal ≥ 95% within 0.02 using ≤ 15% of exhaustive); latencies: mean round trips of one selection`,
  );
  const settings: readonly (readonly [string, Slots])[] = [
    ...CONCURRENCIES.map((c) => [`--concurrency ${c} --batch 1`, { requests: c, promptsPerRequest: 1 }] as const),
    ["--concurrency 8 --batch 16 (defaults)", { requests: 8, promptsPerRequest: 16 }],
  ];
  for (const [label, slots] of settings) {
    const f = await measure(label, createSelector("multistage"), 5000, slots, undefined, undefined, RACE_WIDTH);
    console.log(`  ${label.padEnd(38)} width ${RACE_WIDTH}: ${figures(f)}: ${f.hits >= 0.95 && f.share <= 0.15 ? "MET" : "NOT MET"}`);
  }
  console.log("the choice of --race-width and extraZ, at 64 slots, seeds 0-999 (1000 trials):");
  const choices: readonly (readonly [string, MultistageOptions, number])[] = [
    ["two challengers (--race-width 2)", {}, 2],
    ["three, the third at extraZ 1 (default)", {}, 3],
    ["three, the third at z (extraZ 1.5)", { extraZ: 1.5 }, 3],
    ["five, at extraZ 1", {}, 5],
    ["seven, at extraZ 1", {}, 7],
    ["seven, at extraZ 0.75", { extraZ: 0.75 }, 7],
  ];
  for (const [label, settings, width] of choices) {
    const f = await measure(label, createSelector("multistage", settings), 5000, { requests: 64, promptsPerRequest: 1 }, 1000, undefined, width);
    console.log(`  ${label.padEnd(38)} ${figures(f)}`);
  }
}

function figures(f: Figures): string {
  return `within 0.02 ${fmt(100 * f.hits, 1)}%, evaluations ${fmt(100 * f.share, 1)}% of exhaustive (most ${fmt(f.maxEvaluations / 50, 1)}%), ${fmt(f.latencies, 1)} latencies`;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) await run();
