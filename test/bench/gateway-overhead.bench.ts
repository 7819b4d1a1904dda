/**
 * Gateway benchmarks, part 1: what the engine costs and how well it hides latency.
 *
 * - engine overhead: the whole search pipeline (propose, multistage selection, finalize; cache,
 *   budget, store writes, events) against the simulated server with no latency, versus a bare loop
 *   of `openai` client calls sending the very same requests (replayed from the server's log) at the
 *   same concurrency. Figure: the search's requests per second over the bare loop's (goal ≥ 0.9).
 * - latency hiding: server latency 50 ms, concurrency 16, one prompt per request: requests per
 *   second achieved during selection over the ideal 16 / 50 ms = 320/s (goal ≥ 0.9).
 */
import OpenAI from "openai";
import pLimit from "p-limit";
import { pathToFileURL } from "node:url";
import { search } from "../../src/index.js";
import { countTokens } from "../../src/model/tokens.js";
import { benchTask, fmt, searchTraffic, startBenchServer } from "./gateway-support.js";

const CONCURRENCY = 8;

async function overhead(): Promise<void> {
  countTokens("sim-model", "warm up the tokenizer once, as any long-running process would");
  const server = await startBenchServer();
  const { task, db } = benchTask();
  const common = { task, model: "vllm:sim-model", baseUrls: [server.url], candidates: 40, batch: 1, concurrency: CONCURRENCY } as const;
  // One warm-up search (JIT, connections), then the measured one on a fresh database.
  await search({ ...common, db: db("warm"), seed: 100 });
  server.stats.reset();
  let evaluations = 0;
  const t0 = performance.now();
  const result = await search({ ...common, db: db("measured"), seed: 1 });
  const searchMs = performance.now() - t0;
  evaluations = result.totals.evaluations;
  const { requests, bodies } = searchTraffic(server);

  const client = new OpenAI({ baseURL: server.url, apiKey: "x", maxRetries: 0 });
  const limit = pLimit(CONCURRENCY);
  const replay = (): Promise<unknown[]> => Promise.all(bodies.map((b) => limit(() => client.completions.create(b as unknown as OpenAI.Completions.CompletionCreateParamsNonStreaming))));
  await replay();
  const t1 = performance.now();
  await replay();
  const bareMs = performance.now() - t1;
  await server.close();

  const searchRate = (requests / searchMs) * 1000;
  const bareRate = (requests / bareMs) * 1000;
  console.log(`engine overhead (no latency, concurrency ${CONCURRENCY}, --batch 1): ${requests} requests, ${evaluations} evaluations`);
  console.log(`  search:    ${fmt(searchMs / 1000)} s, ${fmt(searchRate, 0)} requests/s, ${fmt((evaluations / searchMs) * 1000, 0)} evaluations/s (probe and proposals included)`);
  console.log(`  bare loop: ${fmt(bareMs / 1000)} s, ${fmt(bareRate, 0)} requests/s (the same requests, openai client + p-limit only)`);
  console.log(`  ratio search/bare: ${fmt(searchRate / bareRate)} (goal ≥ 0.90)`);
}

async function latencyHiding(): Promise<void> {
  const server = await startBenchServer({ latencyMs: 50 });
  const { task, db } = benchTask();
  let start = 0;
  let end = 0;
  let before = 0;
  let after = 0;
  await search({
    task, model: "vllm:sim-model", baseUrls: [server.url], candidates: 40, batch: 1, concurrency: 16, db: db("latency"),
    onEvent: (e) => {
      if (e.type === "stage" && e.stage === "select") {
        start = performance.now();
        before = server.stats.prompts;
      }
      if (e.type === "stage" && e.stage === "finalize") {
        end = performance.now();
        after = server.stats.prompts;
      }
    },
  });
  await server.close();
  const rate = ((after - before) / (end - start)) * 1000;
  console.log(`latency hiding (latency 50 ms, concurrency 16, --batch 1): ${after - before} requests during selection in ${fmt((end - start) / 1000)} s`);
  console.log(`  ${fmt(rate, 0)} requests/s of the ideal 320/s: ${fmt(rate / 320)} (goal ≥ 0.90)`);
}

/** Run both figures. */
export async function run(): Promise<void> {
  await overhead();
  await latencyHiding();
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) await run();
