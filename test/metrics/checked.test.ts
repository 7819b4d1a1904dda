import { describe, expect, it } from "vitest";
import { BudgetError, MetricError } from "../../src/errors.js";
import { checkedScore } from "../../src/metrics/checked.js";
import { defineMetric, type MetricFunction } from "../../src/metrics/metric.js";

const example = { id: "ex-7", input: "hot", outputs: ["cold"] };
const metric = (score: MetricFunction) => defineMetric({ name: "mine", version: "1", score });

describe("checkedScore", () => {
  it("takes a number or {score, feedback}, sync or async", async () => {
    expect(
      await checkedScore(
        metric(() => 0.5),
        "x",
        example,
      ),
    ).toEqual({ score: 0.5, feedback: null });
    expect(
      await checkedScore(
        metric(async () => ({ score: 1, feedback: "right" })),
        "x",
        example,
      ),
    ).toEqual({ score: 1, feedback: "right" });
    expect(
      await checkedScore(
        metric(() => ({ score: 0, feedback: "" })),
        "x",
        example,
      ),
    ).toEqual({ score: 0, feedback: null });
  });

  it("fails the run, naming the metric and the example, when the metric throws or gives no score in [0, 1]", async () => {
    const fails = (score: MetricFunction) => checkedScore(metric(score), "x", example);
    await expect(
      fails(() => {
        throw new Error("boom");
      }),
    ).rejects.toThrow('metric mine failed on example "ex-7": it threw: boom');
    await expect(fails(() => 1.5)).rejects.toThrow("it returned the score 1.5, outside [0, 1]");
    await expect(fails(() => Number.NaN)).rejects.toThrow("outside [0, 1]");
    await expect(fails(() => JSON.parse('"1"'))).rejects.toThrow('it returned "1"; a metric returns a number in [0, 1] or {score, feedback}');
    await expect(fails(() => JSON.parse('{"score": 1, "feedback": 3}'))).rejects.toThrow("its feedback is 3, not text");
    const error = await fails(() => -1).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MetricError);
    expect(error).toMatchObject({ metric: "mine", exampleId: "ex-7", exitCode: 7 });
  });

  it("lets ape's own errors through as they are (a judge's budget stop is a budget stop)", async () => {
    const stop = new BudgetError("out of calls");
    await expect(
      checkedScore(
        metric(() => {
          throw stop;
        }),
        "x",
        example,
      ),
    ).rejects.toBe(stop);
  });
});
