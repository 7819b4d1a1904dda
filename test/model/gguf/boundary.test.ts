import { describe, expect, it } from "vitest";
import { continuationStart } from "../../../src/model/gguf/boundary.js";

describe("continuation boundary", () => {
  // Tokens of "Output: cold" as pieces; the prefix is "Output:".
  const pieces = ["Out", "put", ":", " co", "ld"];
  const textOf = (k: number): string => pieces.slice(0, k).join("");

  it("starts at the first token at or after the end of the prefix", () => {
    expect(continuationStart(pieces.length, "Output:", textOf)).toBe(3);
  });

  it("leaves a token that straddles the boundary with the prefix", () => {
    expect(continuationStart(pieces.length, "Output: c", textOf)).toBe(4);
  });

  it("scores the word after a prefix that wrongly ends in a space", () => {
    expect(continuationStart(pieces.length, "Output: ", textOf)).toBe(3);
  });

  it("scores the whole text for an empty prefix", () => {
    expect(continuationStart(pieces.length, "", textOf)).toBe(0);
  });
});
