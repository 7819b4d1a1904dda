import { describe, expect, it } from "vitest";
import { OpenAIBackend } from "../../../src/model/openai/backend.js";
import { parseSpec } from "../../../src/model/spec.js";
import { ConnectionError, ModelError } from "../../../src/errors.js";
import { BEST, WORST, evalPrompt } from "../../support/sim/fixture.js";
import type { SimFamily, SimServer } from "../../support/sim/index.js";
import { simServers } from "../../support/sim/per-test.js";

const sims = simServers();

async function backendFor(family: SimFamily, extra: { fim?: boolean; model?: string } = {}): Promise<{ model: OpenAIBackend; server: SimServer }> {
  const model = extra.model ?? "sim-model";
  const server = await sims.world({ family, models: [model], ...(extra.fim ? { fim: true } : {}) });
  const backend = family === "sglang" ? "sglang" : "vllm";
  return { model: new OpenAIBackend(parseSpec(`${backend}:${model}`, [server.url])), server };
}

describe("probe finds out what each server family can do", () => {
  const cases: [SimFamily, { promptLogprobs: boolean; completions: boolean; fill0: string; batch: boolean; n: boolean }][] = [
    ["vllm", { promptLogprobs: true, completions: true, fill0: "chat", batch: true, n: true }],
    ["sglang", { promptLogprobs: true, completions: true, fill0: "chat", batch: true, n: true }],
    ["openai-instruct", { promptLogprobs: false, completions: true, fill0: "suffix", batch: true, n: true }],
    ["davinci", { promptLogprobs: true, completions: true, fill0: "chat", batch: true, n: true }],
    ["llamacpp", { promptLogprobs: false, completions: true, fill0: "chat", batch: true, n: true }],
    ["llamacpp-2025", { promptLogprobs: false, completions: true, fill0: "chat", batch: true, n: false }],
    ["ollama", { promptLogprobs: false, completions: true, fill0: "chat", batch: false, n: false }],
    ["chat-only", { promptLogprobs: false, completions: false, fill0: "chat", batch: false, n: true }],
  ];
  for (const [family, want] of cases) {
    it(family, async () => {
      const caps = await (await backendFor(family)).model.probe();
      expect(caps.promptLogprobs).toBe(want.promptLogprobs);
      // Log-probs after a chat template: vLLM's prompt_logprobs on the chat route, no other family.
      expect(caps.chatLogprobs).toBe(family === "vllm");
      expect(caps.evidence.chatLogprobs).toMatch(family === "vllm" ? /returns the reply's log-probs/ : /without them \(ignored\)/);
      expect(caps.completions).toBe(want.completions);
      expect(caps.fill[0]).toBe(want.fill0);
      expect(caps.maxPromptsPerRequest > 1).toBe(want.batch);
      expect(caps.multipleSamples).toBe(want.n);
    });
  }

  it("probes once for both roles", async () => {
    const { model, server } = await backendFor("vllm");
    const [a, b] = await Promise.all([model.probe(), model.probe()]);
    expect(a).toBe(b);
    expect(server.stats.requests["GET /v1/models"]).toBe(1);
    expect(server.stats.requests["POST /v1/completions"]).toBe(5);
  });

  it("keeps its questions within --concurrency", async () => {
    const server = await sims.world({ family: "vllm", models: ["sim-model"], faults: { latencyMs: 20 } });
    const model = new OpenAIBackend(parseSpec("vllm:sim-model", [server.url]), { concurrency: 2 });
    await model.probe();
    expect(server.stats.maxInFlight).toBeLessThanOrEqual(2);
    await model.close();
  });

  it("sees the FIM path of a model family that has the tokens", async () => {
    const caps = await (await backendFor("vllm", { fim: true, model: "Qwen/Qwen2.5-7B" })).model.probe();
    expect(caps.fill).toContain("fim");
    expect(caps.fimTokens?.prefix).toBe("<|fim_prefix|>");
  });
});

describe("log-probs by echo", () => {
  it("ranks the better instruction higher and keeps only the answer's tokens", async () => {
    const { model } = await backendFor("vllm");
    await model.probe();
    const [good, bad] = await model.logprobs([
      { prefix: evalPrompt(BEST, "word3"), continuation: " opposite-3" },
      { prefix: evalPrompt(WORST, "word3"), continuation: " opposite-3" },
    ]);
    expect(good?.tokens.map((t) => t.text).join("")).toBe(" opposite-3");
    const mean = (r: typeof good): number => (r?.tokens ?? []).reduce((s, t) => s + t.logprob, 0) / (r?.tokens.length ?? 1);
    expect(mean(good)).toBeGreaterThan(mean(bad));
  });

  it("finds the boundary when the server sends no text offsets (SGLang)", async () => {
    const { model } = await backendFor("sglang");
    await model.probe();
    const [r] = await model.logprobs([{ prefix: evalPrompt(BEST, "word5"), continuation: " opposite-5" }]);
    expect(r?.tokens.map((t) => t.text).join("")).toBe(" opposite-5");
  });
});

describe("generation", () => {
  it("returns n samples per prompt for several prompts in one request", async () => {
    const { model, server } = await backendFor("vllm");
    await model.probe();
    const before = server.stats.requests["POST /v1/completions"] ?? 0;
    const out = await model.generate([
      { prompt: evalPrompt(BEST, "word1"), route: "completion", n: 1, temperature: 0, maxTokens: 16, stop: ["\n"] },
      { prompt: evalPrompt(BEST, "word2"), route: "completion", n: 1, temperature: 0, maxTokens: 16, stop: ["\n"] },
    ]);
    expect(out).toHaveLength(2);
    expect((server.stats.requests["POST /v1/completions"] ?? 0) - before).toBe(1);
  });

  it("asks n times where the server gives one sample per request (llama.cpp 2025 builds)", async () => {
    const { model, server } = await backendFor("llamacpp-2025");
    await model.probe();
    server.stats.reset();
    const [g] = await model.generate([
      { prompt: "I gave a friend an instruction. The instruction was to", route: "completion", n: 3, temperature: 1, maxTokens: 32, seed: 4 },
    ]);
    expect(g?.texts).toHaveLength(3);
    expect(server.stats.requests["POST /v1/completions"]).toBe(3);
  });

  // Summed usage (vLLM) and one usage per prompt (llama.cpp 2025 arrays) are exact; current llama.cpp
  // reports only its first answer's usage, which ape scales by length: close, not exact.
  for (const [family, tolerance] of [
    ["vllm", 0],
    ["llamacpp-2025", 0],
    ["llamacpp", 0.1],
  ] as const) {
    it(`counts the tokens a request really cost, whether the server sums its answers' usage or not (${family})`, async () => {
      const { model, server } = await backendFor(family);
      await model.probe();
      server.stats.reset();
      const inputs = ["word1", "word22 with a much longer input that costs more tokens than the others", "word333"];
      const out = await model.generate(
        inputs.map((w) => ({ prompt: evalPrompt(BEST, w), route: "completion" as const, n: 2, temperature: 1, maxTokens: 16, seed: 1 })),
      );
      const sum = (key: "promptTokens" | "completionTokens"): number => out.reduce((s, g) => s + g.usage[key], 0);
      expect(out.map((g) => g.texts.length)).toEqual([2, 2, 2]);
      // The simulated server counts every token it processed, whatever its usage field says.
      const real = { promptTokens: server.stats.promptTokens, completionTokens: server.stats.completionTokens };
      for (const key of ["promptTokens", "completionTokens"] as const) {
        expect(Math.abs(sum(key) - real[key])).toBeLessThanOrEqual(Math.ceil(tolerance * real[key]));
      }
    });
  }
});

describe("errors name the server and say what to do", () => {
  it("an unreachable server is a ConnectionError naming the URL", async () => {
    const model = new OpenAIBackend(parseSpec("vllm:m", ["http://127.0.0.1:9/v1"]));
    const error = await model.probe().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectionError);
    expect((error as Error).message).toContain("http://127.0.0.1:9/v1");
  });

  it("an unknown model lists what the server serves", async () => {
    const server = await sims.world({ models: ["served-model"] });
    const error = await new OpenAIBackend(parseSpec("vllm:other", [server.url])).probe().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModelError);
    expect((error as Error).message).toMatch(/does not serve model "other".*served-model/);
  });

  it("a refused key is a ModelError that does not echo the key", async () => {
    const server = await sims.world({ apiKey: "sk-right" });
    const error = await new OpenAIBackend(parseSpec("vllm:sim-model", [server.url]), { apiKey: "sk-wrong-secret" }).probe().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModelError);
    expect((error as Error).message).toContain("Set apiKey to a valid key");
    expect((error as Error).message).not.toContain("sk-wrong-secret");
  });
});
