import { APIError, NotFoundError } from "openai";
import { afterEach, describe, expect, it } from "vitest";
import { WORLD, clientFor, evalPrompt, startWorld } from "./fixture.js";
import type { SimOptions, SimServer } from "./types.js";

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
    const res = await client.completions.create({ model: MODEL, prompt: ["Write an instruction.", evalPrompt("Say it", "word2")], n: 3, max_tokens: 30, temperature: 0.7 });
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
});

describe("sglang", () => {
  it("reports text_offset -1 and ignores suffix", async () => {
    const { client } = await serve({ family: "sglang" });
    const res = await client.completions.create({ model: MODEL, prompt: scored, max_tokens: 0, echo: true, logprobs: 1 });
    expect(new Set(res.choices[0]?.logprobs?.text_offset)).toEqual(new Set([-1]));
    const plain = await client.completions.create({ model: MODEL, prompt: "The instruction was to", max_tokens: 30, temperature: 0 });
    const withSuffix = await client.completions.create({ model: MODEL, prompt: "The instruction was to", suffix: "\n\nInput: a", max_tokens: 30, temperature: 0 });
    expect(withSuffix.choices[0]?.text).toBe(plain.choices[0]?.text);
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

describe("llamacpp", () => {
  it("refuses echo and n, gives chat-shaped completion logprobs, takes lists", async () => {
    const { client, server } = await serve({ family: "llamacpp" });
    expect(await status(client.completions.create({ model: MODEL, prompt: scored, echo: true, logprobs: 1, max_tokens: 0 }))).toEqual({
      status: 400,
      message: "400 Only no echo is supported",
    });
    expect((await status(client.completions.create({ model: MODEL, prompt: "a", n: 2 }))).status).toBe(400);
    const res = await client.completions.create({ model: MODEL, prompt: evalPrompt("antonym opposite", "word4"), logprobs: 3, max_tokens: 10 });
    const content = (res.choices[0]?.logprobs as unknown as { content: { id: number; token: string; top_logprobs: unknown[] }[] }).content;
    expect(content.map((c) => c.token).join("")).toBe(res.choices[0]?.text);
    expect(content[0]?.top_logprobs).toHaveLength(3);
    expect(typeof content[0]?.id).toBe("number");
    expect((await client.completions.create({ model: MODEL, prompt: ["a", "b"], max_tokens: 3 })).choices).toHaveLength(2);
    const tokens = (await (await fetch(`http://127.0.0.1:${server.port}/tokenize`, { method: "POST", body: JSON.stringify({ content: "Hello world" }) })).json()) as { tokens: number[] };
    expect(tokens.tokens).toHaveLength(2);
  });

  it("fills on /infill only when the model has FIM tokens", async () => {
    const body = JSON.stringify({ input_prefix: "The instruction was to", input_suffix: "\nInput: a\nOutput: b", n_predict: 30 });
    const bare = await serve({ family: "llamacpp" });
    expect((await fetch(`http://127.0.0.1:${bare.server.port}/infill`, { method: "POST", body })).status).toBe(501);
    const fim = await serve({ family: "llamacpp", fim: true });
    const res = (await (await fetch(`http://127.0.0.1:${fim.server.port}/infill`, { method: "POST", body })).json()) as { content: string };
    expect(WORLD.proposals.some((p) => res.content.includes(p))).toBe(true);
  });
});

describe("ollama", () => {
  it("refuses echo and lists, ignores n, fills with suffix, gives chat-shaped logprobs", async () => {
    const { client } = await serve({ family: "ollama" });
    expect((await status(client.completions.create({ model: MODEL, prompt: scored, echo: true, max_tokens: 0 }))).status).toBe(400);
    expect((await status(client.completions.create({ model: MODEL, prompt: ["a", "b"] }))).status).toBe(400);
    const many = await client.completions.create({ model: MODEL, prompt: "Write an instruction.", n: 3, max_tokens: 30, logprobs: 2 });
    expect(many.choices).toHaveLength(1);
    expect(many.choices[0]?.logprobs).toHaveProperty("content");
    const fill = await client.completions.create({ model: MODEL, prompt: "The instruction was to", suffix: "\nInput: a", max_tokens: 30 });
    expect(WORLD.proposals.some((p) => fill.choices[0]?.text.includes(p))).toBe(true);
  });
});

describe("chat-only", () => {
  it("has no completions route but answers chat with generated-token logprobs", async () => {
    const { client } = await serve({ family: "chat-only" });
    await expect(client.completions.create({ model: MODEL, prompt: "a" })).rejects.toBeInstanceOf(NotFoundError);
    const res = await client.chat.completions.create({ model: MODEL, messages: [{ role: "user", content: evalPrompt("antonym, opposite", "word5") }], logprobs: true, top_logprobs: 4, n: 2, temperature: 0 });
    expect(res.choices).toHaveLength(2);
    const content = res.choices[0]?.logprobs?.content ?? [];
    expect(content.map((c) => c.token).join("")).toBe(res.choices[0]?.message.content);
    expect(content[0]?.top_logprobs).toHaveLength(4);
    expect((await status(client.chat.completions.create({ model: MODEL, messages: [{ role: "user", content: "a" }], logprobs: true, top_logprobs: 21 }))).status).toBe(400);
  });
});

describe("every family", () => {
  it("lists its models, 404s an unknown model or route in OpenAI's shape, counts usage with tiktoken", async () => {
    const { client, server } = await serve({ models: ["m-a", "m-b"] });
    expect((await client.models.list()).data.map((m) => m.id)).toEqual(["m-a", "m-b"]);
    await expect(client.completions.create({ model: "nope", prompt: "a" })).rejects.toBeInstanceOf(NotFoundError);
    const res = await fetch(`${server.url}/embeddings`, { method: "POST", body: "{}" });
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ error: { message: expect.any(String), type: expect.any(String) } });
    const done = await client.completions.create({ model: "m-b", prompt: "Hello world", max_tokens: 30 });
    expect(done.usage?.prompt_tokens).toBe(2);
    expect(done.usage?.completion_tokens).toBeGreaterThan(0);
  });
});
