import { describe, expect, it } from "vitest";
import { at, entry } from "../src/at.js";

describe("at", () => {
  it("reads an element that is there, undefined values included", () => {
    expect(at(["a", "b"], 1)).toBe("b");
    expect(at([undefined], 0)).toBeUndefined();
  });
  it("fails loudly, as a bug, on an index outside the list", () => {
    expect(() => at(["a"], 1)).toThrow(/ape bug: index 1 is outside a list of 1/);
    expect(() => at(["a"], -1)).toThrow(RangeError);
  });
});

describe("entry", () => {
  it("reads a key that is set, undefined values included", () => {
    expect(entry(new Map([[1, "a"]]), 1)).toBe("a");
    expect(entry(new Map([["k", undefined]]), "k")).toBeUndefined();
  });
  it("fails loudly, as a bug, on a key that is not set", () => {
    expect(() => entry(new Map([[1, "a"]]), 2)).toThrow(/ape bug: no entry for 2/);
  });
});
