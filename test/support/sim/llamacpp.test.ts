import { afterEach, describe, expect, it } from "vitest";
import { WORLD, call, evalPrompt, startWorld } from "./fixture.js";
import type { SimOptions, SimServer } from "./types.js";

const open: SimServer[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.close()));
});

async function serve(options: Partial<SimOptions>): Promise<SimServer> {
  const server = await startWorld({ models: ["models/q.gguf"], ...options });
  open.push(server);
  return server;
}

type Completion = { model: string; choices: { index: number; text: string; logprobs: unknown }[]; usage: { prompt_tokens: number; completion_tokens: number } };
const completion = (body: unknown): Completion => body as Completion;
const INSTRUCTION_PROMPT = "I gave a friend an instruction. The instruction was to";

describe("llamacpp (the current build, as recorded)", () => {
  it("answers any model name with the -m path, which is all /v1/models lists", async () => {
    const server = await serve({ family: "llamacpp" });
    const res = await call(server, "/v1/completions", { model: "anything-at-all", prompt: "Hello", max_tokens: 2 });
    expect(res.status).toBe(200);
    expect(completion(res.body).model).toBe("models/q.gguf");
    const models = await call(server, "/v1/models");
    expect(models.body).toMatchObject({ data: [{ id: "models/q.gguf" }], models: [{ name: "models/q.gguf" }] });
  });

  it("ignores echo: no prompt in the text, max_tokens 0 still generates one token, log-probs only for it", async () => {
    const server = await serve({ family: "llamacpp" });
    const prompt = `${evalPrompt("Give the antonym.", "word1")} opposite-1`;
    const res = completion((await call(server, "/v1/completions", { prompt, max_tokens: 0, echo: true, logprobs: 1 })).body);
    const choice = res.choices[0];
    expect(choice?.text.startsWith(prompt)).toBe(false);
    expect(res.usage.completion_tokens).toBe(1);
    expect((choice?.logprobs as { content: unknown[] } | undefined)?.content).toHaveLength(1);
  });

  it("ignores suffix: the same text at temperature 0, and prompt_tokens do not count it", async () => {
    const server = await serve({ family: "llamacpp" });
    const plain = completion((await call(server, "/v1/completions", { prompt: INSTRUCTION_PROMPT, max_tokens: 20, temperature: 0 })).body);
    const withSuffix = completion(
      (await call(server, "/v1/completions", { prompt: INSTRUCTION_PROMPT, suffix: "\n\nInput: a\nOutput: b", max_tokens: 20, temperature: 0 })).body,
    );
    expect(withSuffix.choices[0]?.text).toBe(plain.choices[0]?.text);
    expect(withSuffix.usage.prompt_tokens).toBe(plain.usage.prompt_tokens);
  });

  it("honours n and lists in one object, prompt-major, and reports one choice's usage, not the sum", async () => {
    const server = await serve({ family: "llamacpp" });
    const res = completion((await call(server, "/v1/completions", { prompt: [INSTRUCTION_PROMPT, "Hello"], n: 2, max_tokens: 5, temperature: 1 })).body);
    expect(res.choices.map((c) => c.index)).toEqual([0, 1, 2, 3]);
    expect(res.choices[0]?.text).not.toBe(res.choices[1]?.text);
    expect(res.usage.completion_tokens).toBeLessThanOrEqual(5);
    expect(server.stats.completionTokens).toBeGreaterThan(5);
    expect(server.stats.prompts).toBe(2);
  });

  it("repeats a seed at temperature > 0 and differs with another", async () => {
    const server = await serve({ family: "llamacpp" });
    const ask = async (seed: number): Promise<string | undefined> =>
      completion((await call(server, "/v1/completions", { prompt: INSTRUCTION_PROMPT, max_tokens: 12, seed, temperature: 0.9 })).body).choices[0]?.text;
    expect(await ask(5)).toBe(await ask(5));
    const others = await Promise.all([6, 7, 8, 9].map(ask));
    expect(others.some((t) => t !== (others[0] ?? ""))).toBe(true);
  });

  it("answers a body that is not JSON with 500 and prompt: 5 with 400, in llama.cpp's error shape", async () => {
    const server = await serve({ family: "llamacpp" });
    const broken = await call(server, "/v1/completions", '{"prompt": "Hello", not json');
    expect(broken.status).toBe(500);
    expect(broken.body).toMatchObject({ error: { code: 500, type: "server_error", message: expect.stringContaining("parse error") } });
    const number = await call(server, "/v1/completions", { prompt: 5 });
    expect(number).toMatchObject({ status: 400, body: { error: { code: 400, type: "invalid_request_error" } } });
  });

  it("fills on /infill with max_tokens or n_predict and stops at a stop string; 501 without FIM tokens", async () => {
    const server = await serve({ family: "llamacpp", fim: true });
    const base = { input_prefix: "Instruction:", input_suffix: "\nInput: a\nOutput: b" };
    const long = await call(server, "/infill", { ...base, temperature: 0 });
    expect(WORLD.proposals.some((p) => (long.body as { content: string }).content.includes(p.slice(0, 12)))).toBe(true);
    for (const limit of [{ max_tokens: 2 }, { n_predict: 2 }]) {
      expect((await call(server, "/infill", { ...base, ...limit, temperature: 0 })).body).toMatchObject({ tokens_predicted: 2, stop_type: "limit" });
    }
    const first = (long.body as { content: string }).content.split(" ")[2] ?? "";
    const stopped = (await call(server, "/infill", { ...base, temperature: 0, stop: [first] })).body as {
      content: string;
      stop_type: string;
      stopping_word: string;
    };
    expect(stopped).toMatchObject({ stop_type: "word", stopping_word: first });
    expect(stopped.content.includes(first)).toBe(false);
    const bare = await serve({ family: "llamacpp" });
    expect(await call(bare, "/infill", { ...base, max_tokens: 2 })).toMatchObject({ status: 501, body: { error: { code: 501, type: "not_supported_error" } } });
  });

  it("tokenizes each FIM marker as one token only when the model has FIM tokens; shows pieces on request", async () => {
    const text = "<|fim_prefix|>a<|fim_suffix|>b<|fim_middle|>";
    const fim = await serve({ family: "llamacpp", fim: true });
    const plain = await serve({ family: "llamacpp" });
    const one = (await call(fim, "/tokenize", { content: text })).body as { tokens: number[] };
    const many = (await call(plain, "/tokenize", { content: text })).body as { tokens: number[] };
    expect(one.tokens).toHaveLength(5);
    expect(many.tokens.length).toBeGreaterThan(10);
    const pieces = (await call(fim, "/tokenize", { content: "<|fim_prefix|>hi", with_pieces: true })).body as { tokens: { id: number; piece: string }[] };
    expect(pieces.tokens.map((t) => t.piece)).toEqual(["<|fim_prefix|>", "hi"]);
  });

  it("has /health and /props with the chat template and slots", async () => {
    const server = await serve({ family: "llamacpp" });
    expect(await call(server, "/health")).toEqual({ status: 200, body: { status: "ok" } });
    expect((await call(server, "/props")).body).toMatchObject({
      total_slots: 4,
      model_path: "models/q.gguf",
      chat_template: expect.stringContaining("<|im_start|>"),
    });
  });
});

describe("llamacpp-2025 (older builds)", () => {
  const refusals: [string, Record<string, unknown>, string][] = [
    ["echo", { echo: true, logprobs: 1, max_tokens: 0 }, "Only no echo is supported"],
    ["suffix", { suffix: " end." }, "Unsupported param: suffix"],
    ["best_of", { best_of: 2 }, "Unsupported param: best_of"],
    ["n", { n: 2, temperature: 1 }, "Only one completion choice is allowed"],
  ];
  for (const [what, extra, message] of refusals) {
    it(`refuses ${what} with a 500 server_error`, async () => {
      const server = await serve({ family: "llamacpp-2025" });
      const res = await call(server, "/v1/completions", { model: "whatever", prompt: "Hello", max_tokens: 2, ...extra });
      expect(res).toEqual({ status: 500, body: { error: { code: 500, message, type: "server_error" } } });
    });
  }

  it("answers a list prompt with a JSON array, one completion object per prompt, and any model name", async () => {
    const server = await serve({ family: "llamacpp-2025" });
    const res = await call(server, "/v1/completions", {
      model: "not-the-path",
      prompt: [INSTRUCTION_PROMPT, evalPrompt("Give the antonym.", "word2")],
      max_tokens: 8,
      temperature: 0,
    });
    expect(res.status).toBe(200);
    const items = res.body as Completion[];
    expect(Array.isArray(items)).toBe(true);
    expect(items.map((i) => i.choices.map((c) => c.index))).toEqual([[0], [1]]);
    expect(items[1]?.choices[0]?.text.trim()).not.toBe("");
    expect(items.every((i) => i.model === "models/q.gguf" && i.usage.prompt_tokens > 0)).toBe(true);
  });

  it("keeps /infill and /tokenize as llama.cpp has them", async () => {
    const server = await serve({ family: "llamacpp-2025", fim: true });
    expect((await call(server, "/infill", { input_prefix: "a", input_suffix: "b", n_predict: 3 })).status).toBe(200);
    expect(((await call(server, "/tokenize", { content: "<|fim_middle|>" })).body as { tokens: number[] }).tokens).toHaveLength(1);
  });
});
