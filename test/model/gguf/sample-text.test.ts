import { describe, expect, it } from "vitest";
import { cutAtStop } from "../../../src/model/gguf/sample-text.js";

describe("stop strings", () => {
  it("cuts at the earliest stop string and ignores empty ones", () => {
    expect(cutAtStop("cold\nInput: x", ["Input", "\n"])).toBe("cold");
    expect(cutAtStop("cold", ["", "x"])).toBeUndefined();
  });
});
