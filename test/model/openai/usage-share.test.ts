import { describe, expect, it } from "vitest";
import { shareUsage } from "../../../src/model/openai/usage-share.js";

const carried = [
  { prompt: "aaaa", texts: ["xx", "xx"] },
  { prompt: "aaaaaaaaaaaa", texts: ["xxxx", "xxxx"] },
];

describe("shareUsage", () => {
  it("splits a summed usage by the prompts' and answers' lengths, keeping the total exact", () => {
    const shares = shareUsage({ kind: "summed", usage: { promptTokens: 17, completionTokens: 13 } }, carried);
    expect(shares.reduce((s, u) => s + u.promptTokens, 0)).toBe(17);
    expect(shares.reduce((s, u) => s + u.completionTokens, 0)).toBe(13);
    expect(shares[1]?.promptTokens).toBeGreaterThan(shares[0]?.promptTokens ?? 0);
  });

  it("takes an array answer's usage per prompt as it is", () => {
    const usages = [
      { promptTokens: 3, completionTokens: 1 },
      { promptTokens: 9, completionTokens: 2 },
    ];
    expect(shareUsage({ kind: "per-prompt", usages }, carried)).toEqual(usages);
  });

  it("scales the first answer's usage (llama.cpp) up to the whole request by length", () => {
    // The first prompt (4 chars) cost 2 tokens and its first answer (2 chars) 1: 16 chars of prompt ≈ 8, 12 chars of answers ≈ 6.
    const shares = shareUsage({ kind: "first-answer", usage: { promptTokens: 2, completionTokens: 1 } }, carried);
    expect(shares).toEqual([
      { promptTokens: 2, completionTokens: 2 },
      { promptTokens: 6, completionTokens: 4 },
    ]);
  });

  it("never gives a prompt more completion tokens than its answers may have (maxTokens each), moving the rest to prompts with room", () => {
    // A 1-char first answer of 3 tokens scales the 12 chars of answers up to 36 tokens; at most 4 per answer were generated.
    const scaled = [
      { prompt: "aaaa", texts: ["x", "xxx"] },
      { prompt: "aaaa", texts: ["xxxxxxxx"] },
    ];
    const shares = shareUsage({ kind: "first-answer", usage: { promptTokens: 2, completionTokens: 3 } }, scaled, 4);
    expect(shares.map((u) => u.completionTokens)).toEqual([8, 4]);
    const summed = shareUsage({ kind: "summed", usage: { promptTokens: 8, completionTokens: 10 } }, scaled, 4);
    expect(summed.map((u) => u.completionTokens)).toEqual([6, 4]);
    expect(shareUsage({ kind: "summed", usage: { promptTokens: 8, completionTokens: 10 } }, scaled).map((u) => u.completionTokens)).toEqual([3, 7]);
  });
});
