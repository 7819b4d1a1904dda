import { describe, expect, it } from "vitest";
import { at } from "../src/at.js";

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
