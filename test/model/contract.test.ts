/**
 * The `Model` contract (src/model/types.ts), one suite run over every backend
 * (test/support/model-subjects.ts): the openai backend against each simulated server family and
 * against the real llama-server, and the in-process GGUF backend. Random-weight models say nothing
 * sensible, so these tests look at counts, order, bounds and error types, never at words.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { join } from "node:path";
import { CancelledError, CapabilityError, ConnectionError, ModelError, UsageError } from "../../src/errors.js";
import { at } from "../../src/at.js";
import { createGgufModel } from "../../src/model/gguf/index.js";
import { OpenAIBackend } from "../../src/model/openai/backend.js";
import { parseSpec } from "../../src/model/spec.js";
import {
  FILL_PATHS,
  PROBED_FEATURES,
  type Capabilities,
  type FillRequest,
  type GenerateRequest,
  type Sampling,
  type Generation,
  type LogprobRequest,
  type Model,
} from "../../src/model/types.js";
import { modelSubjects, type Rig } from "../support/model-subjects.js";
import { BEST, evalPrompt } from "../support/sim/fixture.js";
import { simServers } from "../support/sim/per-test.js";
import { tempDir } from "../support/temp.js";

const sims = simServers();

/** A request on the route the model has (completions where it can). */
function ask(caps: Capabilities, prompt: string, over: Partial<Sampling> & { readonly route?: GenerateRequest["route"] } = {}): GenerateRequest {
  return { prompt, route: caps.completions ? "completion" : "chat", n: 1, temperature: 0, maxTokens: 6, seed: 1, ...over };
}

/** Usage counts are whole numbers ≥ 0, and no more completion tokens than `n` samples of `maxTokens` each. */
function expectUsage(g: Generation, r: { readonly n: number; readonly maxTokens: number }): void {
  for (const count of [g.usage.promptTokens, g.usage.completionTokens]) {
    expect(Number.isInteger(count)).toBe(true);
    expect(count).toBeGreaterThanOrEqual(0);
  }
  expect(g.usage.completionTokens).toBeLessThanOrEqual(r.n * r.maxTokens);
}

const PROMPTS = [evalPrompt(BEST, "word1"), evalPrompt(BEST, "word2")] as const;
const SCORED: readonly LogprobRequest[] = [
  { prefix: evalPrompt(BEST, "word3"), continuation: " opposite-3" },
  { prefix: evalPrompt(BEST, "word4"), continuation: " not opposite-4" },
];
const FILL = { prefix: "Instruction:", suffix: "\nInput: hot\nOutput: cold", n: 2, temperature: 0.8, maxTokens: 6, seed: 5 } as const;

for (const subject of modelSubjects()) {
  if (subject.skip !== undefined) console.warn(`model contract on ${subject.name} skipped: ${subject.skip}`);

  describe.skipIf(subject.skip !== undefined)(subject.name, { timeout: 30_000 }, () => {
    let rig: Rig | undefined;
    let model: Model;
    let caps: Capabilities;

    beforeAll(async () => {
      rig = await subject.start();
      model = rig.model();
      caps = await model.probe();
    }, 60_000);
    afterAll(async () => {
      await model?.close();
      await rig?.stop();
    });

    it("probe() lists known fill paths once each, FIM tokens exactly with the fim path, and answers the same again", async () => {
      expect(caps.completions || caps.chat).toBe(true);
      for (const path of caps.fill) expect(FILL_PATHS).toContain(path);
      expect(new Set(caps.fill).size).toBe(caps.fill.length);
      expect(caps.fimTokens !== undefined).toBe(caps.fill.includes("fim"));
      expect(Number.isInteger(caps.maxPromptsPerRequest) && caps.maxPromptsPerRequest >= 1).toBe(true);
      for (const feature of Object.keys(caps.evidence)) expect(PROBED_FEATURES).toContain(feature);
      expect(await model.probe()).toEqual(caps);
    });

    it("generate() answers one Generation per request, in request order, as each would be answered alone", async () => {
      // Requests that cannot share one call (another maxTokens, the chat route) among ones that can.
      const chat = caps.chat ? [ask(caps, PROMPTS[1], { route: "chat" })] : [];
      const requests = [ask(caps, PROMPTS[0]), ask(caps, PROMPTS[1]), ask(caps, PROMPTS[0], { maxTokens: 2 }), ...chat, ask(caps, PROMPTS[1])];
      const together = await model.generate(requests);
      const alone = await Promise.all(requests.map(async (r) => (await model.generate([r]))[0]));
      expect(together).toHaveLength(requests.length);
      // Different answers to the first two, or the order would go unseen.
      expect(together[0]?.texts).not.toEqual(together[1]?.texts);
      expect(together.map((g) => g.texts)).toEqual(alone.map((g) => g?.texts));
      together.forEach((g, i) => {
        expect(g.texts).toHaveLength(1);
        expectUsage(g, at(requests, i));
      });
    });

    it("generate() gives n texts per request when n > 1, whether the server takes n or not, within n × maxTokens completion tokens", async () => {
      // 5 samples: more than llama.cpp's slots (the simulated server's 4, the real one's 2 here), which cap `n` per request.
      const requests = PROMPTS.map((p) => ask(caps, p, { n: 5, temperature: 0.8, maxTokens: 4, seed: 11 }));
      const answers = await model.generate(requests);
      expect(answers).toHaveLength(2);
      answers.forEach((g, i) => {
        expect(g.texts).toHaveLength(5);
        for (const text of g.texts) expect(typeof text).toBe("string");
        expectUsage(g, at(requests, i));
      });
    });

    it("logprobs() scores each continuation's tokens, in order, with finite log-probs ≤ 0 where probe() says promptLogprobs; CapabilityError where not", async () => {
      if (!caps.promptLogprobs) {
        await expect(model.logprobs(SCORED)).rejects.toThrow(CapabilityError);
        return;
      }
      const results = await model.logprobs(SCORED);
      expect(results.map((r) => r.tokens.map((t) => t.text).join(""))).toEqual(SCORED.map((r) => r.continuation));
      for (const r of results) {
        for (const t of r.tokens) {
          expect(Number.isFinite(t.logprob)).toBe(true);
          expect(t.logprob).toBeLessThanOrEqual(0);
        }
        expect(r.usage.promptTokens).toBeGreaterThanOrEqual(0);
      }
    });

    it("fill() answers n texts by every path probe() listed", async () => {
      expect(caps.fill.length).toBeGreaterThan(0);
      for (const path of caps.fill) {
        const request: FillRequest = { ...FILL, path };
        const g = await model.fill(request);
        expect(g.texts, path).toHaveLength(FILL.n);
        expectUsage(g, request);
      }
    });

    it("fill() refuses a path probe() did not list with a CapabilityError", async () => {
      for (const path of FILL_PATHS.filter((p) => !caps.fill.includes(p))) {
        await expect(model.fill({ ...FILL, path }), path).rejects.toThrow(CapabilityError);
      }
    });

    it("a call under an aborted signal stops with CancelledError", async () => {
      const controller = new AbortController();
      controller.abort();
      await expect(model.generate([ask(caps, PROMPTS[0])], controller.signal)).rejects.toThrow(CancelledError);
    });

    it("close() releases, may be called twice, and a closed model refuses calls with a UsageError saying so", async () => {
      const own = rig?.model();
      if (own === undefined) throw new Error("no rig");
      const [answer] = await own.generate([ask(caps, PROMPTS[0])]);
      expect(answer?.texts).toHaveLength(1);
      await own.close();
      await own.close();
      await expect(own.generate([ask(caps, PROMPTS[0])])).rejects.toThrow(UsageError);
      await expect(own.generate([ask(caps, PROMPTS[0])])).rejects.toThrow(/was closed/);
    });
  });
}

describe("errors of every backend kind are typed and name what failed", () => {
  it("openai: an unreachable server is a ConnectionError (exit 3) naming the URL", async () => {
    const server = await sims.world({});
    const url = server.url;
    await server.close();
    const model = new OpenAIBackend(parseSpec("vllm:sim-model", [url]));
    const error = await model.probe().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error).toMatchObject({ exitCode: 3, message: expect.stringContaining(url) });
    await model.close();
  });

  it("openai: a model the server does not serve is a ModelError (exit 4) naming the URL and the model", async () => {
    const server = await sims.world({ family: "vllm", models: ["sim-model"] });
    const model = new OpenAIBackend(parseSpec("vllm:no-such-model", [server.url]));
    const error = await model.probe().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModelError);
    expect(error).toMatchObject({ exitCode: 4, message: expect.stringMatching(new RegExp(`${server.url}.*no-such-model`)) });
    await model.close();
  });

  it("gguf: a missing model file is a UsageError (exit 2) naming the file", async () => {
    const file = join(tempDir("ape-contract-"), "missing.gguf");
    const model = createGgufModel(parseSpec(`gguf:${file}`), { gpu: false });
    const error = await model.probe().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UsageError);
    expect(error).toMatchObject({ exitCode: 2, message: expect.stringContaining(file) });
    await model.close();
  });
});
