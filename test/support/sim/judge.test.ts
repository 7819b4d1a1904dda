import { describe, expect, it } from "vitest";
import { judgePrompt } from "../../../src/metrics/judge-prompt.js";
import { parseJudgeReply } from "../../../src/metrics/judge-reply.js";
import { WORLD } from "./fixture.js";
import { judgeReply, parseJudge } from "./judge.js";

describe("the simulated judge", () => {
  it("reads ape's judge prompt, with one acceptable answer or several", () => {
    const rubric = "Strict.\nNo extra words.";
    expect(parseJudge(judgePrompt(rubric, { id: "1", input: "hot\nday", outputs: ["cold"] }, "Cold.\nIt is."))).toEqual({
      rubric,
      input: "hot\nday",
      acceptable: ["cold"],
      answer: "Cold.\nIt is.",
    });
    expect(parseJudge(judgePrompt("r", { id: "1", input: "big", outputs: ["small", "little"] }, "tiny"))?.acceptable).toEqual(["small", "little"]);
    expect(parseJudge("Instruction: x\nInput: y\nOutput:")).toBeUndefined();
  });

  it("gives 10 to an answer holding an acceptable one and 2 to any other, in a reply ape reads; a world may answer instead", () => {
    const ask = (answer: string) =>
      parseJudge(judgePrompt("r", { id: "1", input: "hot", outputs: ["cold"] }, answer)) ?? { rubric: "", input: "", acceptable: [], answer: "" };
    expect(parseJudgeReply(judgeReply(WORLD, ask(" COLD")))).toMatchObject({ ok: true, score: 1 });
    expect(parseJudgeReply(judgeReply(WORLD, ask("warm")))).toEqual({
      ok: true,
      score: 0.2,
      reasons: 'The answer "warm" is none of the acceptable answers (cold).',
    });
    expect(judgeReply({ ...WORLD, judge: (a) => `Score: 5 (${a.answer})` }, ask("x"))).toBe("Score: 5 (x)");
  });
});
