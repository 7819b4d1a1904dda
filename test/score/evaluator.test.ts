import { describe, expect, it } from "vitest";
import { at } from "../../src/at.js";
import { Evaluator, type ScoredBatch } from "../../src/score/evaluator.js";
import type { ScoreItem, Scorer } from "../../src/score/scorer.js";
import type { Example } from "../../src/task/types.js";

const examples: Example[] = ["a", "b", "c"].map((id) => ({ id, input: `in ${id}`, outputs: [`out ${id}`] }));
const a = at(examples, 0);

/** A scorer that answers 1 for example "a" and 0 otherwise, and counts what it was asked. */
function countingScorer(): Scorer & { readonly asked: ScoreItem[] } {
  const asked: ScoreItem[] = [];
  return {
    name: "exec",
    asked,
    score: async (items) => {
      asked.push(...items);
      return items.map((i) => ({ score: i.example.id === "a" ? 1 : 0, output: `said ${i.example.id}`, feedback: null }));
    },
  };
}

describe("Evaluator", () => {
  it("never pays twice for the same (candidate, split, example), even when one request names it twice", async () => {
    const scorer = countingScorer();
    const evaluator = new Evaluator(scorer, () => {});
    const candidate = { id: 1, text: "Say it." };
    expect(await evaluator.score(candidate, "eval", [a, a])).toEqual([1, 1]);
    expect(await evaluator.score(candidate, "eval", examples)).toEqual([1, 0, 0]);
    expect(scorer.asked.map((i) => i.example.id)).toEqual(["a", "b", "c"]);
    // Another split, or another candidate, is another evaluation.
    await evaluator.score(candidate, "test", [a]);
    await evaluator.score({ id: 2, text: "Say it." }, "eval", [a]);
    expect(scorer.asked).toHaveLength(5);
    expect(evaluator.evaluations).toBe(5);
  });

  it("hands each freshly scored batch, with the outputs, to the flow, and keeps the running mean per split", async () => {
    const batches: ScoredBatch[] = [];
    const done: number[] = [];
    const evaluator = new Evaluator(countingScorer(), (batch, n) => {
      batches.push(batch);
      done.push(n);
    });
    const candidate = { id: 7, text: "Say it." };
    await evaluator.score(candidate, "eval", examples.slice(0, 2));
    await evaluator.score(candidate, "eval", examples);
    expect(batches).toEqual([
      {
        candidateId: 7,
        split: "eval",
        rows: [
          { exampleId: "a", output: "said a", score: 1, feedback: null },
          { exampleId: "b", output: "said b", score: 0, feedback: null },
        ],
      },
      { candidateId: 7, split: "eval", rows: [{ exampleId: "c", output: "said c", score: 0, feedback: null }] },
    ]);
    expect(done).toEqual([2, 3]);
    expect(evaluator.summary(7, "eval")).toEqual({ mean: 1 / 3, count: 3 });
    expect(evaluator.summary(7, "test")).toEqual({ mean: null, count: 0 });
  });
});
