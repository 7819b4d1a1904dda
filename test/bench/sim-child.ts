/**
 * Entry of a simulated server run in its own process, so that a benchmark's client and the server
 * do not share one event loop (on a small machine that alone would halve the client's speed).
 * Started by `startSimProcess`; answers `{type: "stats"}`, `{type: "reset"}` and `{type: "close"}`.
 */
import { BENCH_WORLD, smallPoolWorld, startBenchServer } from "./gateway-support.js";
import type { FaultConfig } from "../support/sim/index.js";

/** CPU time this server process has used, in microseconds. */
const cpuMicros = (): number => {
  const u = process.cpuUsage();
  return u.user + u.system;
};
const faults = JSON.parse(process.env.APE_SIM_FAULTS ?? "{}") as FaultConfig;
const maxPrompts = Number(process.env.APE_SIM_MAX_PROMPTS ?? "64");
const distinct = process.env.APE_SIM_DISTINCT;
const server = await startBenchServer(faults, 7, maxPrompts, distinct ? smallPoolWorld(Number(distinct)) : BENCH_WORLD);
process.send?.({ type: "ready", url: server.url });
process.on("message", (m: { type: string; id: number }) => {
  if (m.type === "stats") {
    const s = server.stats;
    process.send?.({
      type: "stats",
      id: m.id,
      stats: {
        requests: s.requests,
        prompts: s.prompts,
        inFlight: s.inFlight,
        maxInFlight: s.maxInFlight,
        promptTokens: s.promptTokens,
        completionTokens: s.completionTokens,
        log: s.log,
        cpuMicros: cpuMicros(),
      },
    });
  } else if (m.type === "reset") {
    server.stats.reset();
    process.send?.({ type: "reset", id: m.id });
  } else if (m.type === "close") {
    void server.close().then(() => process.exit(0));
  }
});
