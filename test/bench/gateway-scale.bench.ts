/**
 * Gateway benchmarks, part 2: what `--batch` saves in requests, and how throughput grows with
 * replicas (each simulated server in its own process).
 */
import { pathToFileURL } from "node:url";
import { search } from "../../src/index.js";
import { bareClient, bareLoop, benchTask, fmt, searchTraffic } from "./gateway-support.js";
import { startSimProcess } from "./sim-process.js";

const PER_REPLICA = 8;

async function batching(): Promise<void> {
  const server = await startSimProcess({ latencyMs: 20 });
  const { task, db } = benchTask();
  console.log("batching (latency 20 ms, concurrency 8, a server that takes lists of up to 64 prompts):");
  await search({ task, model: "vllm:sim-model", baseUrls: [server.url], candidates: 40, batch: 1, concurrency: 8, db: db("batch-warm-up"), seed: 2 });
  for (const batch of [1, 16, 1, 16]) {
    await server.reset();
    const t0 = performance.now();
    const result = await search({
      task,
      model: "vllm:sim-model",
      baseUrls: [server.url],
      candidates: 40,
      batch,
      concurrency: 8,
      db: db(`batch-${batch}-${performance.now()}`),
      seed: 1,
    });
    const ms = performance.now() - t0;
    const traffic = searchTraffic(await server.stats());
    console.log(
      `  --batch ${String(batch).padEnd(2)}: ${String(traffic.requests).padStart(4)} requests for ${traffic.prompts} prompts (${result.totals.evaluations} evaluations) in ${fmt(ms / 1000)} s`,
    );
  }
  await server.close();
}

/**
 * Requests per second during selection with 1, 2 and 4 replicas at 50 ms, over the ideal and a bare
 * loop of as many requests. Exhaustive selection hands the Gateway all its work at once (its own
 * scale-out: the goal, ≥ 0.85 of ideal at 4 replicas); multistage's race sends what its steps
 * decide, so at 32 slots its figure shows how well the race fills them.
 */
async function scaleOut(selector: "exhaustive" | "multistage"): Promise<void> {
  console.log(`scale-out, --selector ${selector} (latency 50 ms per replica, ${PER_REPLICA} in flight per replica, --batch 1):`);
  for (const replicas of [1, 2, 4]) {
    const servers = await Promise.all(Array.from({ length: replicas }, () => startSimProcess({ latencyMs: 50 })));
    await bareLoop(
      servers.map((s) => bareClient(s.url)),
      200 * replicas,
      PER_REPLICA * replicas,
    ); // warm up
    const { task, db } = benchTask();
    let start = 0;
    let end = 0;
    let requests = 0;
    let selecting = false;
    await search({
      task,
      model: "vllm:sim-model",
      baseUrls: servers.map((s) => s.url),
      candidates: 40,
      batch: 1,
      concurrency: PER_REPLICA * replicas,
      selector,
      db: db("scale"),
      onEvent: (e) => {
        if (e.type === "stage" && e.stage === "select") {
          start = performance.now();
          selecting = true;
        }
        if (e.type === "stage" && e.stage === "finalize") {
          end = performance.now();
          selecting = false;
        }
        if (e.type === "call" && !e.call.cached && selecting) requests++;
      },
    });
    const bareMs = await bareLoop(
      servers.map((s) => bareClient(s.url)),
      requests,
      PER_REPLICA * replicas,
    );
    await Promise.all(servers.map((s) => s.close()));
    const ideal = (replicas * PER_REPLICA * 1000) / 50;
    const rate = (requests / (end - start)) * 1000;
    const bare = (requests / bareMs) * 1000;
    console.log(
      `  ${replicas} replica${replicas > 1 ? "s" : " "}: search ${fmt(rate, 0).padStart(4)} requests/s, bare loop ${fmt(bare, 0).padStart(4)}/s, ideal ${ideal}/s (search ${fmt(rate / ideal)} of ideal, ${fmt(rate / bare)} of bare)`,
    );
  }
}

/** Run the batching and scale-out figures. */
export async function run(): Promise<void> {
  await batching();
  await scaleOut("exhaustive");
  await scaleOut("multistage");
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) await run();
