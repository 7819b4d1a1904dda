import { describe, expect, it } from "vitest";
import { BudgetError, EXIT } from "../../src/errors.js";
import { Budget, reservationFor, type Spend } from "../../src/gateway/budget.js";

const call = (tokens: number, costUsd = 0): Spend => ({ calls: 1, tokens, costUsd });
const NOTHING: Spend = { calls: 0, tokens: 0, costUsd: 0 };

describe("Budget", () => {
  it("lets calls through up to a cap and stops the one that would pass it, naming the flag", () => {
    const budget = new Budget({ maxCalls: 2 });
    budget.reserve(call(10));
    budget.reserve(call(10));
    expect(() => budget.reserve(call(10))).toThrow(BudgetError);
    expect(() => budget.reserve(call(10))).toThrow("the call budget (budget.maxCalls: 2) is spent");
    const refusal = ((): unknown => {
      try {
        budget.reserve(call(10));
      } catch (error) {
        return error;
      }
      return undefined;
    })();
    expect(refusal).toMatchObject({ exitCode: EXIT.budget });
  });

  it("counts calls still in flight, so calls sent together never pass the cap between them", () => {
    const budget = new Budget({ maxTokens: 100 });
    const first = call(60);
    budget.reserve(first);
    // Nothing is settled yet, but the first call may still use its 60 tokens.
    expect(() => budget.reserve(call(60))).toThrow("the token budget (budget.maxTokens: 100) is spent");
    // Once it has used only 20, the room it did not use is free again.
    budget.settle(first, call(20));
    expect(budget.used).toEqual(call(20));
    budget.reserve(call(60));
    expect(() => budget.reserve(call(30))).toThrow(BudgetError);
  });

  it("gives a failed call's reservation back and charges it nothing", () => {
    const budget = new Budget({ maxCalls: 1 });
    const failed = call(50);
    budget.reserve(failed);
    budget.settle(failed, NOTHING);
    expect(budget.used).toEqual(NOTHING);
    budget.reserve(call(50));
  });

  it("carries what a resumed run spent before, and allows spending exactly the cost cap", () => {
    const budget = new Budget({ maxCostUsd: 1 }, { calls: 30, tokens: 9000, costUsd: 0.9 });
    expect(() => budget.reserve(call(100, 0.2))).toThrow("the cost budget (budget.maxCostUsd: 1) is spent");
    // 0.9 + 0.1 is 1.0000000000000002 in floating point: still within the cap.
    budget.reserve(call(100, 0.1));
    expect(budget.used).toEqual({ calls: 30, tokens: 9000, costUsd: 0.9 });
  });

  it("has no cap where none is given", () => {
    const budget = new Budget({});
    for (let i = 0; i < 1000; i++) budget.reserve(call(1_000_000, 100));
  });
});

describe("reservationFor", () => {
  it("reserves a call's worst case: 10% more prompt tokens than counted, plus 8, and every completion token", () => {
    const price = { input: 2, output: 10 }; // USD per million tokens
    const reserved = reservationFor(
      [
        { prompt: 100, completion: 20 },
        { prompt: 1000, completion: 0 },
      ],
      price,
    );
    expect(reserved.calls).toBe(2);
    // Prompt counts are rounded up to whole tokens: at most one more per call.
    const worst = 110 + 8 + 20 + (1100 + 8);
    expect(reserved.tokens).toBeGreaterThanOrEqual(worst);
    expect(reserved.tokens).toBeLessThanOrEqual(worst + 2);
    const promptTokens = reserved.tokens - 20;
    expect(reserved.costUsd).toBeCloseTo((promptTokens * 2 + 20 * 10) / 1e6, 15);
  });

  it("costs nothing for a free model", () => {
    expect(reservationFor([{ prompt: 500, completion: 48 }], { input: 0, output: 0 }).costUsd).toBe(0);
  });
});
