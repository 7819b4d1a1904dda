import { APIError, NotFoundError } from "openai";
import { afterEach, describe, expect, it } from "vitest";
import { WORLD, call, clientFor, evalPrompt, startWorld } from "./fixture.js";
import type { SimFamily, SimOptions, SimServer } from "./types.js";

const open: SimServer[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.close()));
});

async function serve(options: Partial<SimOptions>): Promise<{ server: SimServer; client: ReturnType<typeof clientFor> }> {
  const server = await startWorld(options);
  open.push(server);
  return { server, client: clientFor(server) };
}

async function status(promise: Promise<unknown>): Promise<{ status: number | undefined; message: string }> {
  try {
    await promise;
    return { status: 200, message: "" };
  } catch (error) {
    if (error instanceof APIError) return { status: error.status, message: error.message };
    throw error;
  }
}

const MODEL = "sim-model";
const scored = `${evalPrompt("Give the antonym.", "word1")} opposite-1`;

describe("vllm (default)", () => {
  it("serves lists of prompts with n choices each, prompt-major", async () => {
    const { client, server } = await serve({});
    const res = await client.completions.create({
      model: MODEL,
      prompt: ["Write an instruction.", evalPrompt("Say it", "word2")],
      n: 3,
      max_tokens: 30,
      temperature: 0.7,
    });
    expect(res.choices.map((c) => c.index)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(server.stats.prompts).toBe(2);
    expect(server.stats.completions).toBe(6);
  });

  it("echoes prompt log-probs in the standard shape, first entry null, real offsets", async () => {
    const { client } = await serve({});
    const res = await client.completions.create({ model: MODEL, prompt: scored, max_tokens: 0, echo: true, logprobs: 1 });
    const lp = res.choices[0]?.logprobs;
    expect(res.choices[0]?.text).toBe(scored);
    expect(lp?.token_logprobs?.[0]).toBeNull();
    expect(lp?.tokens?.join("")).toBe(scored);
    expect(lp?.text_offset?.[1]).toBeGreaterThan(0);
    expect(res.usage?.completion_tokens).toBe(0);
  });

  it("refuses suffix, too many prompts and too many logprobs", async () => {
    const { client } = await serve({ maxPromptsPerRequest: 2 });
    expect((await status(client.completions.create({ model: MODEL, prompt: "a", suffix: "b" }))).status).toBe(400);
    expect((await status(client.completions.create({ model: MODEL, prompt: ["a", "b", "c"] }))).status).toBe(400);
    expect((await status(client.completions.create({ model: MODEL, prompt: "a", logprobs: 21 }))).status).toBe(400);
  });

  it("allows max_tokens 0 only with echo, and n > 1 only when sampling", async () => {
    const { server } = await serve({});
    expect(await call(server, "/v1/completions", { model: MODEL, prompt: "a", max_tokens: 0 })).toMatchObject({
      status: 400,
      body: { error: { type: "BadRequestError", code: 400 } },
    });
    const greedy = await call(server, "/v1/completions", { model: MODEL, prompt: "a", n: 2, temperature: 0, max_tokens: 3 });
    expect(greedy).toMatchObject({ status: 400, body: { error: { message: expect.stringContaining("n must be 1 when using greedy sampling") } } });
    expect((await call(server, "/v1/completions", { model: MODEL, prompt: "a", n: 2, temperature: 0.5, max_tokens: 3 })).status).toBe(200);
  });

  it("tokenizes on /tokenize with a BOS first, FIM markers one token each only for a model that has them", async () => {
    const text = "<|fim_prefix|>a<|fim_suffix|>b<|fim_middle|>";
    const { server: fim } = await serve({ fim: true });
    const { server: plain } = await serve({});
    const withBos = (await call(fim, "/tokenize", { model: MODEL, prompt: text })).body as { count: number; tokens: number[]; max_model_len: number };
    expect(withBos.count).toBe(6);
    expect(withBos.tokens).toHaveLength(6);
    expect(withBos.max_model_len).toBeGreaterThan(0);
    const bare = (await call(fim, "/tokenize", { model: MODEL, prompt: text, add_special_tokens: false })).body as { tokens: number[] };
    expect(bare.tokens).toEqual(withBos.tokens.slice(1));
    expect(((await call(plain, "/tokenize", { model: MODEL, prompt: text, add_special_tokens: false })).body as { count: number }).count).toBeGreaterThan(10);
    expect((await call(plain, "/tokenize", { model: "nope", prompt: text })).status).toBe(404);
  });
});

describe("sglang", () => {
  it("refuses max_tokens 0 in its flat error shape, but echoes prompt log-probs with max_tokens 1 (text_offset -1)", async () => {
    const { client, server } = await serve({ family: "sglang" });
    const zero = await call(server, "/v1/completions", { model: MODEL, prompt: scored, max_tokens: 0, echo: true, logprobs: 1 });
    expect(zero).toEqual({ status: 400, body: { object: "error", message: "max_tokens must be positive", type: "BadRequestError", param: null, code: 400 } });
    const res = await client.completions.create({ model: MODEL, prompt: scored, max_tokens: 1, echo: true, logprobs: 1 });
    const lp = res.choices[0]?.logprobs;
    expect(res.choices[0]?.text.startsWith(scored)).toBe(true);
    expect(lp?.token_logprobs?.[0]).toBeNull();
    expect(lp?.tokens?.slice(0, -1).join("")).toBe(scored);
    expect(lp?.tokens).toHaveLength((lp?.token_logprobs ?? []).length);
    expect(new Set(lp?.text_offset)).toEqual(new Set([-1]));
  });

  it("ignores suffix (same text, same prompt_tokens) and answers any model name with that name", async () => {
    const { client } = await serve({ family: "sglang" });
    const plain = await client.completions.create({ model: MODEL, prompt: "The instruction was to", max_tokens: 30, temperature: 0 });
    const withSuffix = await client.completions.create({
      model: "any/other",
      prompt: "The instruction was to",
      suffix: "\n\nInput: a",
      max_tokens: 30,
      temperature: 0,
    });
    expect(withSuffix.choices[0]?.text).toBe(plain.choices[0]?.text);
    expect(withSuffix.usage?.prompt_tokens).toBe(plain.usage?.prompt_tokens);
    expect(withSuffix.model).toBe("any/other");
    expect((await client.models.list()).data.map((m) => m.id)).toEqual([MODEL]);
  });
});

describe("openai-instruct", () => {
  it("fills with suffix but refuses echo with logprobs and logprobs above 5", async () => {
    const { client } = await serve({ family: "openai-instruct" });
    const fill = await client.completions.create({ model: MODEL, prompt: "The instruction was to", suffix: "\nInput: a\nOutput: b", max_tokens: 30 });
    expect(fill.choices[0]?.text.trim()).not.toBe("");
    expect((await status(client.completions.create({ model: MODEL, prompt: scored, echo: true, logprobs: 1, max_tokens: 0 }))).status).toBe(400);
    expect((await status(client.completions.create({ model: MODEL, prompt: "a", logprobs: 6 }))).status).toBe(400);
    const list = await client.completions.create({ model: MODEL, prompt: ["a", "b"], max_tokens: 5 });
    expect(list.choices).toHaveLength(2);
  });
});

describe("davinci", () => {
  it("echoes log-probs and refuses suffix", async () => {
    const { client } = await serve({ family: "davinci" });
    const res = await client.completions.create({ model: MODEL, prompt: scored, max_tokens: 0, echo: true, logprobs: 5 });
    expect(Object.keys(res.choices[0]?.logprobs?.top_logprobs?.[1] ?? {})).toHaveLength(5);
    expect((await status(client.completions.create({ model: MODEL, prompt: "a", suffix: "b" }))).status).toBe(400);
  });
});

describe("ollama", () => {
  it("drops echo, n, best_of and completions logprobs without a word: one plain choice", async () => {
    const { server } = await serve({ family: "ollama" });
    const res = await call(server, "/v1/completions", { model: MODEL, prompt: scored, echo: true, max_tokens: 5, n: 3, best_of: 3, logprobs: 2 });
    expect(res.status).toBe(200);
    const choices = (res.body as { choices: Record<string, unknown>[] }).choices;
    expect(choices).toHaveLength(1);
    expect(String(choices[0]?.text).startsWith(scored)).toBe(false);
    expect(choices[0]).not.toHaveProperty("logprobs");
  });

  it("refuses a list prompt as Go does, and an unknown model with 404", async () => {
    const { server } = await serve({ family: "ollama", models: ["qwen2.5:7b", "tiny:latest"] });
    const list = await call(server, "/v1/completions", { model: "qwen2.5:7b", prompt: ["a", "b"] });
    expect(list).toMatchObject({
      status: 400,
      body: { error: { message: expect.stringMatching(/^json: cannot unmarshal array into Go struct field/), type: "invalid_request_error" } },
    });
    expect(await call(server, "/v1/completions", { model: "nope", prompt: "a" })).toMatchObject({
      status: 404,
      body: { error: { message: "model 'nope' not found" } },
    });
    expect((await call(server, "/v1/completions", { model: "tiny", prompt: "a", max_tokens: 2 })).body).toMatchObject({ model: "tiny:latest" });
  });

  it("fills with suffix only when the model's template supports insert", async () => {
    const ask = { model: MODEL, prompt: "The instruction was to", suffix: "\nInput: a", max_tokens: 30 };
    const { server: bare } = await serve({ family: "ollama" });
    expect(await call(bare, "/v1/completions", ask)).toMatchObject({ status: 400, body: { error: { message: `"${MODEL}" does not support insert` } } });
    const { client } = await serve({ family: "ollama", insert: true });
    const fill = await client.completions.create(ask);
    expect(WORLD.proposals.some((p) => fill.choices[0]?.text.includes(p))).toBe(true);
  });

  it("honours the seed at temperature > 0", async () => {
    const { client } = await serve({ family: "ollama" });
    const ask = (seed: number): Promise<string | undefined> =>
      client.completions.create({ model: MODEL, prompt: "Write an instruction.", max_tokens: 20, seed, temperature: 0.9 }).then((r) => r.choices[0]?.text);
    expect(await ask(3)).toBe(await ask(3));
    const others = await Promise.all([4, 5, 6, 7].map(ask));
    expect(new Set(others).size).toBeGreaterThan(1);
  });
});

describe("chat-only", () => {
  it("has no completions route but answers chat with generated-token logprobs", async () => {
    const { client } = await serve({ family: "chat-only" });
    await expect(client.completions.create({ model: MODEL, prompt: "a" })).rejects.toBeInstanceOf(NotFoundError);
    const res = await client.chat.completions.create({
      model: MODEL,
      messages: [{ role: "user", content: evalPrompt("antonym, opposite", "word5") }],
      logprobs: true,
      top_logprobs: 4,
      n: 2,
      temperature: 0,
    });
    expect(res.choices).toHaveLength(2);
    const content = res.choices[0]?.logprobs?.content ?? [];
    expect(content.map((c) => c.token).join("")).toBe(res.choices[0]?.message.content);
    expect(content[0]?.top_logprobs).toHaveLength(4);
    expect(
      (await status(client.chat.completions.create({ model: MODEL, messages: [{ role: "user", content: "a" }], logprobs: true, top_logprobs: 21 }))).status,
    ).toBe(400);
  });
});

describe("every family", () => {
  it("lists its models, counts usage with tiktoken", async () => {
    const { client } = await serve({ models: ["m-a", "m-b"] });
    expect((await client.models.list()).data.map((m) => m.id)).toEqual(["m-a", "m-b"]);
    const done = await client.completions.create({ model: "m-b", prompt: "Hello world", max_tokens: 30 });
    expect(done.usage?.prompt_tokens).toBe(2);
    expect(done.usage?.completion_tokens).toBeGreaterThan(0);
  });

  const unknown: [SimFamily, number | "any", unknown][] = [
    ["vllm", 404, { error: { message: "The model `nope` does not exist.", type: "NotFoundError", param: null, code: 404 } }],
    ["sglang", "any", undefined],
    ["openai-instruct", 404, { error: { message: expect.stringContaining("The model `nope` does not exist"), code: "model_not_found" } }],
    ["llamacpp", "any", undefined],
    ["llamacpp-2025", "any", undefined],
    ["ollama", 404, { error: { message: "model 'nope' not found", type: "not_found_error" } }],
    ["chat-only", 404, { error: { code: "model_not_found" } }],
  ];
  for (const [family, status, body] of unknown) {
    it(`${family}: an unknown model name is ${status === "any" ? "answered" : "refused in the family's shape"}`, async () => {
      const { server } = await serve({ family });
      const res = await call(server, "/v1/chat/completions", { model: "nope", messages: [{ role: "user", content: "Hi" }], max_tokens: 3 });
      if (status === "any") expect(res.status).toBe(200);
      else expect(res).toMatchObject({ status, body });
    });
  }

  const routes: [SimFamily, unknown][] = [
    ["vllm", { detail: "Not Found" }],
    ["sglang", { detail: "Not Found" }],
    ["openai-instruct", { error: { message: "Invalid URL (POST /v1/embeddings)", type: "invalid_request_error" } }],
    ["llamacpp", { error: { code: 404, message: "File Not Found", type: "not_found_error" } }],
    ["ollama", "404 page not found"],
  ];
  for (const [family, body] of routes) {
    it(`${family}: a route it lacks is a 404 in its own shape (/infill included)`, async () => {
      const { server } = await serve({ family });
      expect(await call(server, "/v1/embeddings", {})).toMatchObject({ status: 404, body });
      if (family !== "llamacpp") expect((await call(server, "/infill", { input_prefix: "a", input_suffix: "b" })).status).toBe(404);
    });
  }
});

describe("an API key", () => {
  const guarded: [SimFamily, string, number][] = [
    ["vllm", "/tokenize", 200],
    ["vllm", "/infill", 404],
    ["llamacpp", "/infill", 401],
    ["llamacpp", "/health", 200],
    ["openai-instruct", "/infill", 401],
  ];
  for (const [family, path, want] of guarded) {
    it(`${family}: ${path} without the key answers ${want}`, async () => {
      const { server } = await serve({ family, apiKey: "sk-x", fim: true });
      const body = path === "/health" ? undefined : { model: MODEL, prompt: "a", content: "a", input_prefix: "a", input_suffix: "b" };
      expect((await call(server, path, body)).status).toBe(want);
      expect((await call(server, "/v1/completions", { model: MODEL, prompt: "a" })).status).toBe(401);
    });
  }
});
