import { describe, expect, it } from "vitest";
import { WORLD, WORST } from "../support/sim/fixture.js";
import { FAMILIES, quality, SIM_FAMILIES, type FamilyRules, type SimFamily } from "../support/sim/index.js";
import { simServers } from "../support/sim/per-test.js";
import { prompts, requests, runSearch } from "./support.js";

const sims = simServers();

/** The spec a user would write for each family: the backend word picks only the default URL. */
const SPEC: Readonly<Record<SimFamily, string>> = {
  vllm: "vllm:sim-model",
  sglang: "sglang:sim-model",
  "openai-instruct": "openai:sim-model",
  davinci: "openai:sim-model",
  llamacpp: "llamacpp:sim-model",
  "llamacpp-2025": "llamacpp:sim-model",
  ollama: "ollama:sim-model",
  "chat-only": "openai:sim-model",
};

/** What a family takes with a 200 and then ignores: a client that sends it is fooled. */
function ignored(rules: FamilyRules): string[] {
  return [
    ...(rules.suffix === "ignore" ? ["suffix"] : []),
    ...(rules.echo === "ignore" ? ["echo"] : []),
    ...(rules.n === "ignore" ? ["n"] : []),
    ...(rules.bestOf === "ignore" ? ["best_of"] : []),
    ...(rules.completionLogprobs === "dropped" ? ["logprobs"] : []),
  ];
}

/** The probe's own requests, which try every feature on purpose. */
function isProbe(body: Record<string, unknown>): boolean {
  return prompts(body).every((p) => ["Hello", "Hi", "Hello world"].includes(p));
}

/** Whether a completions body asks for `feature` (`n: 1`, `echo: false`, an empty suffix ask nothing). */
function asks(body: Record<string, unknown>, feature: string): boolean {
  const value = body[feature];
  if (feature === "n") return typeof value === "number" && value > 1;
  if (feature === "echo") return value === true;
  if (feature === "suffix") return typeof value === "string" && value !== "";
  return value !== undefined && value !== null;
}

describe("a search (both modes, scored by execution) runs to the end against every simulated family", () => {
  for (const family of SIM_FAMILIES) {
    it(family, async () => {
      // Servers that answer any model name are started under another one, as users meet them
      // (llama.cpp lists its model file's path).
      const anyName = family === "sglang" || family.startsWith("llamacpp");
      const server = await sims.world({ family, logLimit: Infinity, ...(anyName ? { models: ["models/sim-model.gguf"] } : {}) });
      const { result } = await runSearch(server, SPEC[family], { mode: "both", selector: "exhaustive" });
      expect(result.status).toBe("done");
      // The simulated model answers by instruction quality on every family: the best proposed wins.
      const best = Math.max(...result.candidates.map((c) => quality(WORLD, c.text)));
      expect(best).toBeGreaterThan(quality(WORLD, WORST));
      expect(quality(WORLD, result.winner?.text ?? "")).toBeCloseTo(best, 9);
      // After the probe, nothing the server would silently ignore is asked for.
      const asked = requests(server, "/v1/completions", (b) => !isProbe(b)).flatMap((r) =>
        ignored(FAMILIES[family]).filter((feature) => asks(r.body as Record<string, unknown>, feature)),
      );
      expect([...new Set(asked)]).toEqual([]);
    });
  }
});
