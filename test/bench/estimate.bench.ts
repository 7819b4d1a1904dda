/**
 * Estimate accuracy: `estimate()` before a search versus what the search really sent (the run's
 * token totals, counted by the server), for a few settings. Goal: tokens within ±10%. The last
 * column is the estimate the search makes again once its proposals are known.
 * The world has 192 distinct proposals, so duplicates (which the estimate cannot foresee) are few.
 */
import { pathToFileURL } from "node:url";
import { estimate, search, type Estimate, type SearchOptions } from "../../src/index.js";
import { benchTask, fmt, startBenchServer } from "./gateway-support.js";

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
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) await run();
