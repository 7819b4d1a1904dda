import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WORLD, clientFor, startWorld } from "./fixture.js";
import { quality } from "./world.js";
import type OpenAI from "openai";
import type { SimServer } from "./types.js";

let server: SimServer;
let client: OpenAI;
beforeAll(async () => {
  server = await startWorld({ fim: true });
  client = clientFor(server);
});
afterAll(() => server.close());

/** What a client does to a proposal: first line, no trailing period. */
const clean = (text: string): string => `${text.trim().split("\n")[0]?.replace(/\.+$/, "")}.`;

const FORWARD =
  "I gave a friend an instruction. Based on the instruction they produced these pairs:\n\nInput: word1 Output: opposite-1\n\nThe instruction was to";

describe("proposals", () => {
  it("returns n different proposals from the world's pool, with noise to clean", async () => {
    const res = await client.completions.create({ model: "sim-model", prompt: FORWARD, n: 4, max_tokens: 40, temperature: 0.9, seed: 1 });
    const cleaned = res.choices.map((c) => clean(c.text));
    for (const p of cleaned) expect(WORLD.proposals).toContain(p);
    expect(new Set(cleaned).size).toBe(4);
  });

  it("cuts a proposal at a stop sequence", async () => {
    const res = await client.completions.create({ model: "sim-model", prompt: FORWARD, n: 6, max_tokens: 40, temperature: 0.9, stop: ["\n"] });
    for (const c of res.choices) expect(c.text).not.toContain("\n");
  });

  it("varies an instruction near its quality, sometimes better", async () => {
    const parent = "Say the opposite of the word.";
    const prompt = `Generate a variation of the following instruction while keeping the semantic meaning.\n\nInstruction:\n${parent}\n\nNew instruction:`;
    const res = await client.completions.create({ model: "sim-model", prompt, n: 30, max_tokens: 40, temperature: 0.9, seed: 3 });
    const qualities = res.choices.map((c) => quality(WORLD, clean(c.text)));
    const q = quality(WORLD, parent);
    expect(qualities.some((v) => v > q)).toBe(true);
    expect(qualities.every((v) => v >= q - 0.5)).toBe(true);
    const quoted = await client.chat.completions.create({ model: "sim-model", messages: [{ role: "user", content: `Paraphrase "${parent}"` }], n: 5 });
    for (const c of quoted.choices) expect(WORLD.proposals).toContain(clean(c.message.content ?? ""));
  });

  it("fills a FIM prompt when the model has FIM tokens, and a chat request for the missing text", async () => {
    const fim = await client.completions.create({
      model: "sim-model",
      prompt: "<|fim_prefix|>The instruction was to<|fim_suffix|>\n\nInput: word1\nOutput: opposite-1<|fim_middle|>",
      max_tokens: 40,
    });
    expect(WORLD.proposals).toContain(clean(fim.choices[0]?.text ?? ""));
    const chat = await client.chat.completions.create({
      model: "sim-model",
      messages: [{ role: "user", content: "Fill in the missing text marked [BLANK]: The instruction was to [BLANK]\nInput: word1 Output: opposite-1" }],
    });
    expect(WORLD.proposals).toContain(clean(chat.choices[0]?.message.content ?? ""));
  });

  it("rambles on a FIM prompt when the model has no FIM tokens", async () => {
    const bare = await startWorld({ fim: false });
    try {
      const res = await clientFor(bare).completions.create({
        model: "sim-model",
        prompt: "<|fim_prefix|>The instruction was to<|fim_suffix|>\nInput: a<|fim_middle|>",
        max_tokens: 40,
      });
      expect(WORLD.proposals).not.toContain(clean(res.choices[0]?.text ?? ""));
    } finally {
      await bare.close();
    }
  });
});

describe("stats", () => {
  it("counts prompts, choices and tokens, and logs request bodies", async () => {
    server.stats.reset();
    const a = await client.completions.create({ model: "sim-model", prompt: ["Write one.", "Write two."], n: 2, max_tokens: 30 });
    const b = await client.completions
      .create({ model: "sim-model", prompt: "The instruction was to", suffix: "\nInput: x", max_tokens: 30 })
      .catch(() => undefined);
    expect(b).toBeUndefined();
    expect(server.stats.requests).toEqual({ "POST /v1/completions": 2 });
    expect(server.stats.prompts).toBe(2);
    expect(server.stats.completions).toBe(4);
    expect(server.stats.promptTokens).toBe(a.usage?.prompt_tokens);
    expect(server.stats.completionTokens).toBe(a.usage?.completion_tokens);
    expect(server.stats.log.map((l) => l.outcome)).toEqual([200, 400]);
    expect(server.stats.log[0]?.body).toMatchObject({ prompt: ["Write one.", "Write two."], n: 2 });
    expect(server.stats.log[1]?.body).toMatchObject({ suffix: "\nInput: x" });
  });
});
