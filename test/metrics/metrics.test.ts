import { describe, expect, it } from "vitest";
import { normalize, scorePrediction } from "../../src/metrics/index.js";

describe("normalize", () => {
  it("keeps the first line and the text before the first period, lower-cased, without punctuation", () => {
    expect(normalize("  Cold. It is the opposite\nsecond line")).toBe("cold");
    expect(normalize("Well-known!")).toBe("well known");
    expect(normalize("Sentence 1: yes")).toBe("yes");
    expect(normalize("salt and pepper")).toBe("salt pepper");
  });
});

describe("scorePrediction", () => {
  it("exact match after normalisation, best of several outputs", () => {
    expect(scorePrediction("exact_match", " Cold.", ["cold"])).toBe(1);
    expect(scorePrediction("exact_match", "chilly", ["cold", "chilly"])).toBe(1);
    expect(scorePrediction("exact_match", "colder", ["cold"])).toBe(0);
  });
  it("contains matches whole words only", () => {
    expect(scorePrediction("contains", "it is big indeed", ["big"])).toBe(1);
    expect(scorePrediction("contains", "bigger", ["big"])).toBe(0);
  });
  it("token F1 gives partial credit", () => {
    expect(scorePrediction("f1", "the big cat", ["big cat"])).toBeCloseTo(0.8, 10);
    expect(scorePrediction("f1", "dog", ["big cat"])).toBe(0);
  });
  it("exact set ignores order and repeats", () => {
    expect(scorePrediction("exact_set", "b, a, a", ["a, b"])).toBe(1);
    expect(scorePrediction("exact_set", "a", ["a, b"])).toBe(0);
  });
});
