import { describe, expect, it } from "vitest";
import { sameSampling, sampleRounds, sampling } from "../../../src/model/openai/sampling-params.js";

const s = { n: 5, temperature: 0.7, maxTokens: 9, seed: 10 } as const;

describe("sampling fields of the backend's requests", () => {
  it("spreads n samples over requests of at most `most`, in order, all in one where there is no limit", () => {
    expect(sampleRounds(10, 4)).toEqual([4, 4, 2]);
    expect(sampleRounds(5, 1)).toEqual([1, 1, 1, 1, 1]);
    expect(sampleRounds(5, Number.POSITIVE_INFINITY)).toEqual([5]);
  });

  it("gives each request of a call its own seed, and sends stop only when there is one", () => {
    expect(sampling(s, 4, 2)).toEqual({ n: 4, temperature: 0.7, max_tokens: 9, seed: 12 });
    expect(sampling({ n: 5, temperature: 0.7, maxTokens: 9, stop: ["\n"] }, 1, 0)).toEqual({ n: 1, temperature: 0.7, max_tokens: 9, stop: ["\n"] });
  });

  it("lets requests share a call only when every sampling field agrees", () => {
    expect(sameSampling(s, { ...s })).toBe(true);
    expect(sameSampling(s, { ...s, stop: ["x"] })).toBe(false);
    expect(sameSampling(s, { ...s, maxTokens: 8 })).toBe(false);
  });
});
