/**
 * Gateway benchmarks, part 1: what the engine costs and how well it hides latency. The simulated
 * server runs in its own process, so client and server do not share one event loop.
 *
 * - engine overhead: the whole search pipeline (propose, multistage selection, finalize; cache,
 *   budget, store writes, events) against the simulated server with no latency, versus a bare loop
 *   of `openai` client calls sending the very same requests (replayed from the server's log) at the
 *   same concurrency. Nine rounds, alternating; medians. Figure: the search's requests per second
 *   over the bare loop's (goal ≥ 0.9). ape gives its `openai` clients a faster HTTP transport
 *   (src/model/openai/transport.ts), so a second bare loop uses that same transport: the search
 *   over it is the engine's own cost (cache, budget, store, events; goal ≥ 0.85). The search sends
 *   its completions over that transport without the `openai` client (json-post.ts), while both
 *   bare loops go through the client: that saving counts in the search's favour. Beside it: the
 *   search with a listener (the CLI's case: the estimates are made only when someone listens), the
 *   same search with its results in memory (what the file costs), and the rate during selection.
 * - latency hiding: server latency 50 ms, concurrency 16, one prompt per request: requests per
 *   second achieved during selection over the ideal 16 / 50 ms = 320/s (goal ≥ 0.9), with
 *   exhaustive selection (all work available at once: the Gateway's own figure) and with the
 *   default multistage (a race of sequential steps, one kept out ahead).
 */
import OpenAI from "openai";
import pLimit from "p-limit";
import { pathToFileURL } from "node:url";
import { at } from "../../src/at.js";
import { search, type SearchOptions } from "../../src/index.js";
import { countTokens } from "../../src/accounting/tokens.js";
import { createTransport } from "../../src/model/openai/transport.js";
import { bareClient, bareLoop, benchTask, fmt, searchTraffic } from "./gateway-support.js";
import { startSimProcess } from "./sim-process.js";

const CONCURRENCY = 8;
const ROUNDS = 12; // each of the six items in each place twice
const WARM_UP = 10;

const median = (xs: readonly number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

async function overhead(selector: "multistage" | "exhaustive"): Promise<void> {
  countTokens("sim-model", "warm up the tokenizer once, as any long-running process would");
  const server = await startSimProcess();
  const { task, db } = benchTask();
  const common = { task, model: "vllm:sim-model", baseUrls: [server.url], candidates: 40, batch: 1, concurrency: CONCURRENCY, selector } as const;
  await search({ ...common, db: db("warm"), seed: 1 });
  const { requests, bodies } = searchTraffic(await server.stats());
  // Warm up (JIT of client, engine and server) until the times settle.
  for (let i = 1; i < WARM_UP; i++) await search({ ...common, db: db(`warm-${i}`), seed: 1 });
  const transport = createTransport();
  const clients = {
    bare: bareClient(server.url),
    same: new OpenAI({ baseURL: server.url, apiKey: "x", maxRetries: 0, fetch: transport.fetch }),
  };
  const limit = pLimit(CONCURRENCY);
  const replay = (client: OpenAI, sent = bodies): Promise<unknown[]> =>
    Promise.all(sent.map((b) => limit(() => client.completions.create(b as unknown as OpenAI.Completions.CompletionCreateParamsNonStreaming))));
  // The eval prompts alone (one sample each; the proposals ask for several and cost the server far
  // more): what the search's rate during selection is compared with.
  const evalBodies = bodies.filter((b) => (b.n ?? 1) === 1);
  const timed = async (work: () => Promise<unknown>): Promise<number> => {
    const t0 = performance.now();
    await work();
    return performance.now() - t0;
  };
  for (let i = 0; i < WARM_UP; i++) {
    await replay(clients.bare);
    await replay(clients.same);
  }

  const searchMs: number[] = [];
  const listenedMs: number[] = [];
  const memoryMs: number[] = [];
  const selectRates: number[] = [];
  const bareMs: number[] = [];
  const sameMs: number[] = [];
  const evalMs: number[] = [];
  let evaluations = 0;
  // Each round measures every item, in an order turned by one each round: an item pays for the
  // garbage of the one before it (a bare loop of 1,600 requests leaves plenty), so no item always
  // follows the same one.
  const items: (() => Promise<void>)[] = [
    async () => {
      // Same settings and seed on a fresh database: the same requests again, none from the cache.
      const t0 = performance.now();
      const result = await search({ ...common, db: db(`measured-${searchMs.length}`), seed: 1 });
      searchMs.push(performance.now() - t0);
      evaluations = result.totals.evaluations;
    },
    // The same search with its results in memory: what writing the file costs (its commits, its creation and the checkpoint at close).
    async () => void memoryMs.push(await timed(() => search({ ...common, db: ":memory:", seed: 1 }))),
    async () => {
      const listened = await selectionRate({ ...common, db: db(`listened-${listenedMs.length}`), seed: 1 });
      listenedMs.push(listened.ms);
      selectRates.push(listened.rate);
    },
    async () => void bareMs.push(await timed(() => replay(clients.bare))),
    async () => void sameMs.push(await timed(() => replay(clients.same))),
    async () => void evalMs.push(await timed(() => replay(clients.same, evalBodies))),
  ];
  for (let round = 0; round < ROUNDS; round++) {
    for (let k = 0; k < items.length; k++) await at(items, (round + k) % items.length)();
  }
  await transport.close();
  await server.close();

  const s = median(searchMs);
  const b = median(bareMs);
  const same = median(sameMs);
  const heard = median(listenedMs);
  const memory = median(memoryMs);
  const evalRate = (evalBodies.length / median(evalMs)) * 1000;
  console.log(
    `engine overhead, --selector ${selector} (no latency, concurrency ${CONCURRENCY}, --batch 1): ${requests} requests, ${evaluations} evaluations per search; medians of ${ROUNDS}`,
  );
  console.log(
    `  search:    ${fmt(s / 1000)} s, ${fmt((requests / s) * 1000, 0)} requests/s, ${fmt((evaluations / s) * 1000, 0)} evaluations/s (probe and proposals included)`,
  );
  console.log(`  bare loop: ${fmt(b / 1000)} s, ${fmt((requests / b) * 1000, 0)} requests/s (the same requests, openai client + p-limit only)`);
  console.log(`  bare loop over ape's transport: ${fmt(same / 1000)} s, ${fmt((requests / same) * 1000, 0)} requests/s`);
  console.log(`  ratio search/bare: ${fmt(b / s)} (goal ≥ 0.90); the engine's own cost, search/bare over the same transport: ${fmt(same / s)} (goal ≥ 0.85)`);
  console.log(
    `  with a listener (as the CLI runs it: its estimates made and reported): ${fmt(heard / 1000)} s, ${fmt(same / heard)} of the bare loop over ape's transport`,
  );
  console.log(
    `  during selection alone: ${fmt(median(selectRates), 0)} requests/s, ${fmt(median(selectRates) / evalRate)} of the bare loop over ape's transport sending the ${evalBodies.length} eval prompts alone (${fmt(evalRate, 0)} requests/s); the rest of a search: opening and migrating a new file, the probe, the proposals, the test split, the checkpoint at close`,
  );
  console.log(
    `  with the results in memory instead of a file: ${fmt(memory / 1000)} s, ${fmt(same / memory)} of the bare loop over ape's transport (the file's writes: ${fmt(s - memory, 0)} ms a search)`,
  );
  const list = (xs: number[]): string => xs.map((x) => fmt(x / 1000)).join(", ");
  console.log(
    `  rounds: search ${list(searchMs)} s; listened ${list(listenedMs)} s; in memory ${list(memoryMs)} s; bare ${list(bareMs)} s; bare, same transport ${list(sameMs)} s`,
  );
}

/** A search with a listener: its wall time, and the requests per second it sent during selection (paid calls between the select and finalize stages). */
async function selectionRate(options: SearchOptions): Promise<{ ms: number; rate: number }> {
  let start = 0;
  let end = 0;
  let requests = 0;
  const t0 = performance.now();
  await search({
    ...options,
    onEvent: (e) => {
      if (e.type === "stage" && e.stage === "select") start = performance.now();
      if (e.type === "stage" && e.stage === "finalize") end = performance.now();
      if (e.type === "call" && !e.call.cached && start > 0 && end === 0) requests++;
    },
  });
  return { ms: performance.now() - t0, rate: (requests / (end - start)) * 1000 };
}

/**
 * Requests per second during selection at 50 ms of server latency and concurrency 16, over the
 * ideal 320/s. After a warm-up search, as for the overhead figure.
 */
async function latencyHiding(selector: "multistage" | "exhaustive"): Promise<void> {
  const server = await startSimProcess({ latencyMs: 50 });
  const { task, db } = benchTask();
  const common = { task, model: "vllm:sim-model", baseUrls: [server.url], candidates: 40, batch: 1, concurrency: 16, selector } as const;
  await bareLoop([bareClient(server.url)], 320, 16); // warm the server up
  await search({ ...common, db: db(`latency-warm-${selector}`) });
  let start = 0;
  let end = 0;
  let requests = 0;
  let phase: "before" | "select" | "after" = "before";
  const stages: string[] = [];
  const t0 = performance.now();
  await search({
    ...common,
    db: db(`latency-${selector}`),
    onEvent: (e) => {
      if (e.type === "stage") stages.push(`${e.stage} ${fmt((performance.now() - t0) / 1000)}`);
      if (e.type === "stage" && e.stage === "select") {
        start = performance.now();
        phase = "select";
      }
      if (e.type === "stage" && e.stage === "finalize") {
        end = performance.now();
        phase = "after";
      }
      // With --batch 1 every paid call is one request.
      if (e.type === "call" && !e.call.cached && phase === "select") requests++;
    },
  });
  const total = performance.now() - t0;
  const bareMs = await bareLoop([bareClient(server.url)], requests, 16);
  await server.close();
  const rate = (requests / (end - start)) * 1000;
  const bareRate = (requests / bareMs) * 1000;
  console.log(
    `latency hiding, --selector ${selector} (latency 50 ms, concurrency 16, --batch 1): stages began at ${stages.join(", ")} s; whole search ${fmt(total / 1000)} s`,
  );
  console.log(
    `  search:    ${requests} requests during selection in ${fmt((end - start) / 1000)} s: ${fmt(rate, 0)} requests/s of the ideal 320/s = ${fmt(rate / 320)} (goal ≥ 0.90)`,
  );
  console.log(
    `  bare loop: the same number of requests in ${fmt(bareMs / 1000)} s: ${fmt(bareRate, 0)} requests/s = ${fmt(bareRate / 320)} of the ideal; search/bare ${fmt(rate / bareRate)}`,
  );
}

/** Run both figures. */
export async function run(): Promise<void> {
  // multistage's race waits for each step before the next (a round trip per step even at zero
  // latency); exhaustive selection has no such waits, so it shows the engine's own cost.
  await overhead("multistage");
  await overhead("exhaustive");
  // Exhaustive selection hands the Gateway all its work at once: how well the Gateway hides
  // latency. multistage's race decides each step on the scores of the ones before, so it keeps
  // fewer requests in flight (it overlaps one step): the price of its 7 times fewer evaluations.
  await latencyHiding("exhaustive");
  await latencyHiding("multistage");
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) await run();
