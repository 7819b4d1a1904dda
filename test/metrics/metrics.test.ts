import { describe, expect, it } from "vitest";
import { UsageError } from "../../src/errors.js";
import { defineMetric, METRIC_REGISTRY, metricEntry, normalize, scorePrediction } from "../../src/metrics/index.js";

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

describe("the built-in metrics as metrics", () => {
  const example = { id: "1", input: "hot", outputs: ["cold", "chilly"] };
  it("normalise the raw prediction and every output themselves, with version 1", async () => {
    expect(await METRIC_REGISTRY[0].score(" Cold. It is the opposite", example)).toBe(1);
    expect(await metricEntry("contains").score("It is CHILLY today", example)).toBe(1);
    expect(await metricEntry("exact_match").score("warm", example)).toBe(0);
    expect(METRIC_REGISTRY.map((m) => m.version)).toEqual(["1", "1", "1", "1"]);
  });
});

describe("defineMetric", () => {
  it("keeps the name, version and function, and refuses a metric without them", () => {
    const m = defineMetric({ name: "mine", version: "2", score: () => 1 });
    expect([m.name, m.version, m.score("x", { id: "a", input: "", outputs: [] })]).toEqual(["mine", "2", 1]);
    expect(() => defineMetric({ name: "", version: "1", score: () => 1 })).toThrow(UsageError);
    expect(() => defineMetric({ name: "mine", version: "", score: () => 1 })).toThrow(/metric mine needs a version/);
    expect(() => defineMetric(JSON.parse('{"name": "mine", "version": "1", "score": 3}'))).toThrow(/needs a score function/);
  });
});
