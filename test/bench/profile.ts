/**
 * A CPU profile of the engine's own cost: searches against the simulated server (its own process)
 * at zero latency, the same settings as the overhead benchmark. Run under `node --cpu-prof`
 * (README, "Benchmarks"): `node --cpu-prof --cpu-prof-dir=results/prof --import tsx test/bench/profile.ts exhaustive 12`.
 */
import { search } from "../../src/index.js";
import { benchTask } from "./gateway-support.js";
import { startSimProcess } from "./sim-process.js";

const selector = process.argv[2] === "exhaustive" ? "exhaustive" : "multistage";
const searches = Number(process.argv[3] ?? "5");
const server = await startSimProcess();
const { task, db } = benchTask();
const common = { task, model: "vllm:sim-model", baseUrls: [server.url], candidates: 40, batch: 1, concurrency: 8, selector } as const;
for (let i = 0; i < searches; i++) await search({ ...common, db: db(`profile-${i}`), seed: 1 });
await server.close();
