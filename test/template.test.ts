import { describe, expect, it } from "vitest";
import { placeholdersIn, render, splitAt } from "../src/template.js";

describe("render", () => {
  it("substitutes every placeholder once", () => {
    expect(render("I: [PROMPT]\nIn: [INPUT]\nOut: [OUTPUT]", { PROMPT: "p", INPUT: "x", OUTPUT: "y" })).toBe("I: p\nIn: x\nOut: y");
  });
  it("never substitutes text that came in through a value", () => {
    const out = render("[PROMPT] | [INPUT]", { PROMPT: "say [INPUT] and [OUTPUT]", INPUT: "[PROMPT]" });
    expect(out).toBe("say [INPUT] and [OUTPUT] | [PROMPT]");
  });
  it("keeps placeholders without a value", () => {
    expect(render("[APE] [full_DEMO]", { full_DEMO: "d" })).toBe("[APE] d");
  });
  it("splits at a placeholder and lists those used", () => {
    expect(splitAt("a [APE] b", "APE")).toEqual({ before: "a ", after: " b" });
    expect([...placeholdersIn("[INPUT] [OUTPUT] [INPUT]")].sort()).toEqual(["INPUT", "OUTPUT"]);
  });
});
