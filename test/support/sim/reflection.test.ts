import { describe, expect, it } from "vitest";
import { reflectPrompt } from "../../../src/propose/reflect.js";
import { mergePrompt } from "../../../src/propose/merge.js";
import { cleanReply } from "../../../src/propose/reply.js";
import { merged, mergeAsk, reflection, reflectionAsk, wrapReply } from "./reflection.js";
import { keywordFraction } from "./world.js";
import type { SimWorld } from "./types.js";

const WORLD: SimWorld = {
  answers: {},
  keywords: ["antonym", "opposite", "one word"],
  reflection: 0.5,
  proposals: [
    "Repeat the word.",
    "Echo the input.",
    "Give the antonym.",
    "Say the opposite.",
    "Give the antonym, the opposite.",
    "Give the antonym in one word.",
    "Give the antonym, the opposite, in one word.",
  ],
};
const example = { id: "1", input: "hot", outputs: ["cold"] };
const sample = (i: number) => ({ temperature: 0.9, requestSeed: 3, sampleIndex: i });

describe("the simulated reflection", () => {
  it("reads ape's reflect and merge prompts", () => {
    const failed = { example, output: "toh", score: 0 };
    expect(reflectionAsk(reflectPrompt("Give the antonym.", [failed, failed], [{ ...failed, output: "cold", score: 1 }]))).toEqual({
      parent: "Give the antonym.",
      failures: 2,
    });
    expect(reflectionAsk(reflectPrompt("Give the antonym.", [], [{ ...failed, score: 1 }]))).toEqual({ parent: "Give the antonym.", failures: 0 });
    expect(mergeAsk(mergePrompt("Give the antonym.", "Say the opposite.", [], []))).toEqual({ a: "Give the antonym.", b: "Say the opposite." });
  });

  it("shown failures, steps one keyword closer to the rule with the world's chance; shown none, stays at the parent's level", () => {
    const parent = "Give the antonym.";
    const level = keywordFraction(WORLD, parent);
    const levels = Array.from({ length: 400 }, (_, i) => keywordFraction(WORLD, reflection(WORLD, 1, parent, 2, sample(i))));
    const closer = levels.filter((l) => l > level).length / levels.length;
    expect(closer).toBeGreaterThan(0.42);
    expect(closer).toBeLessThan(0.58);
    expect(levels.every((l) => l === level || Math.abs(l - level - 1 / 3) < 1e-9)).toBe(true);
    for (let i = 0; i < 50; i++) expect(keywordFraction(WORLD, reflection(WORLD, 1, parent, 0, sample(i)))).toBe(level);
  });

  it("merges two instructions into one holding the keywords of both, with the world's chance", () => {
    const out = Array.from({ length: 200 }, (_, i) => merged(WORLD, 1, "Give the antonym.", "Say the opposite.", sample(i)));
    const both = out.filter((t) => t === "Give the antonym, the opposite.").length / out.length;
    expect(both).toBeGreaterThan(0.4);
    expect(both).toBeLessThan(0.6);
  });

  it("wraps replies in ways ape's reply reader takes off", () => {
    for (let i = 0; i < 40; i++) expect(cleanReply(wrapReply("Give the antonym.", 1, sample(i), i % 2 === 0))).toBe("Give the antonym.");
  });
});
