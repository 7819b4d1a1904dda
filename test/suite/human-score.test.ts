import { describe, expect, it } from "vitest";
import { humanScore } from "../../src/suite/human-score.js";
import { storeWithRun } from "../support/store.js";

describe("the suite's human score", () => {
  it("is the references' mean per test example, not the best of them on test", () => {
    const s = storeWithRun();
    const a = s.addCandidate("r1", { text: "A.", origin: "reference" }).id;
    const b = s.addCandidate("r1", { text: "B.", origin: "reference" }).id;
    [1, 1, 1, 0].forEach((x, i) => {
      s.addEvaluation("r1", a, "test", `t${i}`, null, x);
    });
    [0, 0, 1, 0].forEach((x, i) => {
      s.addEvaluation("r1", b, "test", `t${i}`, null, x);
    });
    s.addEvaluation("r1", a, "eval", "e0", null, 1);
    const score = humanScore(s, "r1", [
      { id: a, text: "A." },
      { id: b, text: "B." },
    ]);
    expect(score?.score).toBe(0.5);
    expect(score?.count).toBe(4);
    expect(score?.text).toBe("mean of 2 references");
    expect(score?.interval?.method).toBe("t");
    s.close();
  });

  it("is the one reference's own score, with its Wilson interval, when the task has one", () => {
    const s = storeWithRun();
    const a = s.addCandidate("r1", { text: "A.", origin: "reference" }).id;
    [1, 1, 1, 0].forEach((x, i) => {
      s.addEvaluation("r1", a, "test", `t${i}`, null, x);
    });
    const score = humanScore(s, "r1", [{ id: a, text: "A." }]);
    expect(score).toMatchObject({ text: "A.", score: 0.75, count: 4, interval: { method: "wilson" } });
    expect(humanScore(s, "r1", [])).toBeNull();
    s.close();
  });
});
