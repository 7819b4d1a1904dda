import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BEST, INPUTS, WORLD, WORST, clientFor, evalPrompt, startWorld } from "./fixture.js";
import { startSimServer } from "./server.js";
import type OpenAI from "openai";
import type { SimServer } from "./types.js";

let server: SimServer;
let client: OpenAI;
beforeAll(async () => {
  server = await startWorld({ maxPromptsPerRequest: 128 });
  client = clientFor(server);
});
afterAll(() => server.close());

const answerOf = (input: string): string => (WORLD.answers as Record<string, string>)[input] ?? "";

async function accuracy(instruction: string, extra: { temperature?: number; seed?: number } = {}): Promise<number> {
  const res = await client.completions.create({
    model: "sim-model",
    prompt: INPUTS.map((i) => evalPrompt(instruction, i)),
    max_tokens: 20,
    temperature: 0,
    ...extra,
  });
  const right = res.choices.filter((c) => c.text.trim() === answerOf(INPUTS[c.index] ?? ""));
  return right.length / INPUTS.length;
}

async function meanLogprob(instruction: string): Promise<number> {
  const prompts = INPUTS.map((i) => `${evalPrompt(instruction, i)} ${answerOf(i)}`);
  const res = await client.completions.create({ model: "sim-model", prompt: prompts, max_tokens: 0, echo: true, logprobs: 1 });
  let sum = 0;
  let count = 0;
  for (const choice of res.choices) {
    const lp = choice.logprobs;
    const boundary = (prompts[choice.index] ?? "").lastIndexOf("Output:") + "Output:".length;
    lp?.text_offset?.forEach((offset, t) => {
      const value = lp.token_logprobs?.[t];
      if (offset >= boundary && typeof value === "number") {
        sum += value;
        count += 1;
      }
    });
  }
  return sum / count;
}

describe("determinism", () => {
  it("answers the same at temperature 0, request after request and server after server", async () => {
    const first = await accuracy("Give the antonym.");
    expect(await accuracy("Give the antonym.")).toBe(first);
    const again = await startSimServer({ world: WORLD, seed: 7 });
    try {
      const res = await clientFor(again).completions.create({
        model: "sim-model",
        prompt: evalPrompt("Give the antonym.", "word3"),
        max_tokens: 20,
        temperature: 0,
      });
      const mine = await client.completions.create({ model: "sim-model", prompt: evalPrompt("Give the antonym.", "word3"), max_tokens: 20, temperature: 0 });
      expect(res.choices[0]?.text).toBe(mine.choices[0]?.text);
    } finally {
      await again.close();
    }
  });

  it("samples differently with another request seed at temperature > 0, the same with the same one", async () => {
    const prompt = INPUTS.map((i) => evalPrompt("Give the antonym.", i));
    const ask = (seed: number) => client.completions.create({ model: "sim-model", prompt, max_tokens: 20, temperature: 1, seed });
    const [a, b, c] = await Promise.all([ask(1), ask(1), ask(2)]);
    const texts = (r: typeof a) => r.choices.map((ch) => ch.text);
    expect(texts(a)).toEqual(texts(b));
    expect(texts(a)).not.toEqual(texts(c));
  });
});

describe("the quality gradient", () => {
  it("answers far more often right under the instruction with every keyword", async () => {
    const best = await accuracy(BEST);
    const worst = await accuracy(WORST);
    expect(best).toBeGreaterThan(0.8);
    expect(worst).toBeLessThan(0.3);
    expect(await accuracy("Give the antonym.")).toBeGreaterThan(worst);
  });

  it("ranks instructions the same way by mean answer log-prob", async () => {
    const best = await meanLogprob(BEST);
    const half = await meanLogprob("Give the antonym.");
    const worst = await meanLogprob(WORST);
    expect(best).toBeGreaterThan(half);
    expect(half).toBeGreaterThan(worst);
  });

  it("gives a wrong continuation a lower log-prob than the right one", async () => {
    const score = async (answer: string) => {
      const res = await client.completions.create({
        model: "sim-model",
        prompt: `${evalPrompt(BEST, "word1")} ${answer}`,
        max_tokens: 0,
        echo: true,
        logprobs: 1,
      });
      return res.choices[0]?.logprobs?.token_logprobs?.at(-1) ?? 0;
    };
    expect(await score("opposite-1")).toBeGreaterThan(await score("nonsense"));
  });
});
