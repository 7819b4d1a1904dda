import { describe, expect, it } from "vitest";
import { judgePrompt } from "../../src/metrics/judge-prompt.js";
import { parseJudgeReply } from "../../src/metrics/judge-reply.js";

describe("parseJudgeReply", () => {
  it("reads the score line out of 10 (or the scale it names) and the reasons", () => {
    expect(parseJudgeReply("Score: 7\nReasons: close, but misses the label.")).toEqual({ ok: true, score: 0.7, reasons: "close, but misses the label." });
    expect(parseJudgeReply("**Score:** 3/5\n**Reasons:** half right")).toEqual({ ok: true, score: 0.6, reasons: "half right" });
    expect(parseJudgeReply("I think so.\nscore = 1 out of 1")).toEqual({ ok: true, score: 1, reasons: "I think so." });
    expect(parseJudgeReply("Score: 10")).toEqual({ ok: true, score: 1, reasons: "" });
  });

  it("says why a reply is no verdict, quoting it", () => {
    expect(parseJudgeReply("The answer looks fine to me.")).toEqual({
      ok: false,
      problem: 'the judge\'s reply has no "Score: N" line: it said "The answer looks fine to me."',
    });
    expect(parseJudgeReply("Score: 12\nReasons: great")).toMatchObject({ ok: false, problem: expect.stringContaining("the judge's score 12 is outside 0–10") });
    expect(parseJudgeReply("  ")).toMatchObject({ ok: false, problem: expect.stringContaining("it was empty") });
  });
});

describe("judgePrompt", () => {
  it("shows the rubric, the input, every acceptable answer and the answer to grade", () => {
    const prompt = judgePrompt(" Be strict. ", { id: "1", input: "hot", outputs: ["cold", "chilly"] }, "warm");
    expect(prompt).toContain("Rubric:\nBe strict.\n");
    expect(prompt).toContain("The task's input:\nhot\n");
    expect(prompt).toContain("Acceptable answers:\n- cold\n- chilly\n");
    expect(prompt).toContain("The answer to grade:\nwarm\n");
    expect(prompt).toMatch(/"Score: N", N a whole number from 0 .* to 10/);
  });
});
