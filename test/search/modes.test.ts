import { describe, expect, it } from "vitest";
import { BEST } from "../support/sim/fixture.js";
import { quality, type SimOptions, type SimServer } from "../support/sim/index.js";
import { simServers } from "../support/sim/per-test.js";
import { chatText, prompts, requests, RICH_WORLD, runSearch } from "./support.js";
import { readDb } from "../support/db.js";

const sims = simServers();

type Row = { origin: string; fill_path: string | null; proposer_prompt: string | null };

/** Start a server, run a reverse-mode search on it, return the stored candidates and the server. */
async function reverseSearch(sim: Partial<SimOptions>, spec: string): Promise<{ candidates: Row[]; sim: SimServer }> {
  const started = await sims.world({ logLimit: Infinity, ...sim });
  const { db, result } = await runSearch(started, spec, { mode: "reverse", selector: "exhaustive" });
  expect(result.status).toBe("done");
  return { candidates: readDb<Row>(db, "SELECT origin, fill_path, proposer_prompt FROM candidates WHERE origin != 'reference'"), sim: started };
}

describe("reverse (fill-in) proposals take the best path the server has, and record it", () => {
  it("vLLM refuses `suffix`: the chat fallback is taken and recorded", async () => {
    const { candidates, sim } = await reverseSearch({ family: "vllm" }, "vllm:sim-model");
    expect(candidates.length).toBeGreaterThan(0);
    expect(candidates.every((c) => c.origin === "reverse" && c.fill_path === "chat")).toBe(true);
    // The probe's suffix request was refused; every fill went out as a chat request for the missing text.
    expect(requests(sim, "/v1/completions", (b) => typeof b.suffix === "string").every((r) => r.outcome === 400)).toBe(true);
    expect(requests(sim, "/v1/completions", (b) => typeof b.suffix === "string").length).toBeGreaterThan(0);
    expect(requests(sim, "/v1/chat/completions", (b) => chatText(b).includes("<MISSING>")).length).toBeGreaterThan(0);
    expect(candidates[0]?.proposer_prompt).toContain("[APE]");
  });

  it("vLLM serving a Qwen model with FIM tokens: the FIM fallback (raw prompt) is taken and recorded", async () => {
    const { candidates, sim } = await reverseSearch({ family: "vllm", fim: true, models: ["Qwen2.5-7B-Instruct"] }, "vllm:Qwen2.5-7B-Instruct");
    expect(candidates.every((c) => c.fill_path === "fim")).toBe(true);
    const fim = requests(sim, "/v1/completions", (b) => prompts(b).some((p) => p.startsWith("<|fim_prefix|>") && p.endsWith("<|fim_middle|>")));
    expect(fim.length).toBeGreaterThan(0);
    expect(fim.every((r) => r.outcome === 200)).toBe(true);
    expect(requests(sim, "/v1/chat/completions", (b) => chatText(b).includes("<MISSING>"))).toHaveLength(0);
  });

  it("an OpenAI instruct model takes `suffix` natively", async () => {
    const { candidates, sim } = await reverseSearch({ family: "openai-instruct" }, "openai:sim-model");
    expect(candidates.every((c) => c.fill_path === "suffix")).toBe(true);
    const fills = requests(sim, "/v1/completions", (b) => typeof b.suffix === "string" && (b.suffix as string).includes("Input:"));
    expect(fills.length).toBeGreaterThan(0);
    expect(fills.every((r) => r.outcome === 200)).toBe(true);
  });

  it("Ollama takes `suffix` natively for a model whose template supports insert", async () => {
    const { candidates, sim } = await reverseSearch({ family: "ollama", insert: true }, "ollama:sim-model");
    expect(candidates.every((c) => c.fill_path === "suffix")).toBe(true);
    expect(requests(sim, "/v1/completions", (b) => typeof b.suffix === "string" && (b.suffix as string).includes("Input:")).length).toBeGreaterThan(0);
  });

  it("llama.cpp with a FIM model fills through /infill", async () => {
    const { candidates, sim } = await reverseSearch({ family: "llamacpp", fim: true }, "llamacpp:sim-model");
    expect(candidates.every((c) => c.fill_path === "infill")).toBe(true);
    const infill = requests(sim, "/infill", (b) => typeof b.input_suffix === "string" && (b.input_suffix as string).includes("Input:"));
    expect(infill.length).toBeGreaterThan(0);
    expect(infill.every((r) => r.outcome === 200)).toBe(true);
  });
});

describe("--mode", () => {
  it("forward asks for no fill at all; both proposes both ways and still finds the rewarded instruction", async () => {
    const server = await sims.world({ family: "openai-instruct", logLimit: Infinity, world: RICH_WORLD });
    const forward = await runSearch(server, "openai:sim-model", { mode: "forward" });
    expect(
      readDb<Row>(forward.db, "SELECT origin, fill_path FROM candidates WHERE origin != 'reference'").every(
        (c) => c.origin === "forward" && c.fill_path === null,
      ),
    ).toBe(true);
    expect(requests(server, "/v1/completions", (b) => typeof b.suffix === "string" && (b.suffix as string).includes("Input:"))).toHaveLength(0);

    const both = await runSearch(server, "openai:sim-model", { mode: "both", candidates: 20 });
    const origins = new Set(readDb<Row>(both.db, "SELECT origin FROM candidates WHERE origin != 'reference'").map((c) => c.origin));
    expect([...origins].sort()).toEqual(["forward", "reverse"]);
    expect(quality(RICH_WORLD, both.result.winner?.text ?? "")).toBeCloseTo(quality(RICH_WORLD, BEST), 9);
    expect(both.result.candidates.filter((c) => c.origin === "reverse").every((c) => c.fillPath === "suffix")).toBe(true);
  });
});
