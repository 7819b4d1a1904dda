import { afterEach, describe, expect, it } from "vitest";
import { WORLD, WORST, startWorld } from "../support/sim/fixture.js";
import { quality, SIM_FAMILIES, type SimFamily, type SimServer } from "../support/sim/index.js";
import { runSearch } from "./support.js";

let server: SimServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

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

describe("a search scored by execution runs to the end against every simulated family", () => {
  for (const family of SIM_FAMILIES) {
    it(family, async () => {
      server = await startWorld({ family });
      const { result } = await runSearch(server, SPEC[family], { mode: "forward", selector: "exhaustive" });
      expect(result.status).toBe("done");
      // The simulated model answers by instruction quality on every family: the best proposed wins.
      const best = Math.max(...result.candidates.map((c) => quality(WORLD, c.text)));
      expect(best).toBeGreaterThan(quality(WORLD, WORST));
      expect(quality(WORLD, result.winner?.text ?? "")).toBeCloseTo(best, 9);
    });
  }
});
