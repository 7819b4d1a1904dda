import { describe, expect, it } from "vitest";
import { evalOf } from "./model.js";
import { variationParent } from "./proposals.js";
import { hasKeyword, parseEval, quality } from "./world.js";
import { WORLD } from "./fixture.js";

describe("the simulated world", () => {
  it("matches keywords case-insensitively as whole words or word prefixes", () => {
    expect(hasKeyword("Give the ANTONYMS", "antonym")).toBe(true);
    expect(hasKeyword("the opposite words", "opposite word")).toBe(true);
    expect(hasKeyword("synantonym", "antonym")).toBe(false);
    expect(hasKeyword("the oppo", "opposite")).toBe(false);
  });

  it("scales quality from floor to ceiling with the share of keywords present", () => {
    expect(quality(WORLD, "Repeat it.")).toBeCloseTo(0.1);
    expect(quality(WORLD, "Give the antonym.")).toBeCloseTo(0.525);
    expect(quality(WORLD, "The opposite: an antonym.")).toBeCloseTo(0.95);
    expect(quality({ ...WORLD, floor: 0, ceiling: 1 }, "antonym")).toBeCloseTo(0.5);
  });

  it("reads instruction and input from ape's default eval template", () => {
    expect(parseEval("Instruction: Give the antonym.\nInput: hot\nOutput:")).toEqual({ instruction: "Give the antonym.", input: "hot" });
    const withDemos = "Input: a\nOutput: b\n\nInstruction: Say it\nInput: up \nOutput: ";
    expect(parseEval(withDemos)).toEqual({ instruction: "Say it", input: "up" });
    expect(parseEval("Describe the task\nInput: up\nOutput:")).toEqual({ instruction: "Describe the task", input: "up" });
    expect(parseEval("Write an instruction.")).toBeUndefined();
  });

  it("treats a labelled variation request as a proposal request, even ending in Output:", () => {
    const prompt = "Generate a variation of this instruction.\nInstruction:\nGive the antonym.\n\nInput: x\nOutput:";
    expect(evalOf(prompt)).toBeUndefined();
    expect(variationParent(prompt)).toBe("Give the antonym.");
    expect(variationParent('Paraphrase "Say the opposite." please')).toBe("Say the opposite.");
  });
});
