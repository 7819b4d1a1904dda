import { describe, expect, it } from "vitest";
import { createSelector, MULTISTAGE_DEFAULTS, multistageCost, slotsWidth, type Evaluate } from "../../src/select/index.js";
import { bernoulliPool, recorder, spreadRates } from "./support.js";

describe("multistage", () => {
  it("races the leader against its closest challengers and stops within its own cost", async () => {
    const rec = recorder(bernoulliPool(spreadRates(50, 4), 100, 4));
    const result = await createSelector("multistage").select(50, rec.evaluate, { evalSize: 100, budget: 5000, seed: 4 });
    expect(result.evaluations).toBeLessThanOrEqual(multistageCost(50, 100));
    expect(multistageCost(50, 100)).toBe(50 * MULTISTAGE_DEFAULTS.firstBatch + 100 * MULTISTAGE_DEFAULTS.raceSplits);
    // Everyone got the first batch; the race went to few: the winner saw many more, most saw no more.
    expect(result.ranking.every((o) => o.count >= MULTISTAGE_DEFAULTS.firstBatch)).toBe(true);
    expect(result.ranking[0]?.count).toBeGreaterThanOrEqual(8 * MULTISTAGE_DEFAULTS.firstBatch);
    expect(result.ranking.filter((o) => o.count === MULTISTAGE_DEFAULTS.firstBatch).length).toBeGreaterThan(10);
    // Clearly weaker candidates were dropped after the first stage, and never scored again.
    const dropped = result.ranking.filter((o) => o.droppedAt !== undefined);
    expect(dropped.length).toBeGreaterThan(0);
    for (const o of dropped) expect(o.history.at(-1)?.stage).toBeLessThanOrEqual(o.droppedAt ?? -1);
  });

  it("stops early when one candidate is clearly best, and spends more on a close race", async () => {
    const clear = spreadRates(30, 5).map((r) => r * 0.5);
    clear[7] = 0.95;
    const easy = await createSelector("multistage").select(30, recorder(bernoulliPool(clear, 100, 5)).evaluate, { evalSize: 100, budget: 3000, seed: 5 });
    expect(easy.ranking[0]?.index).toBe(7);
    const close = new Array<number>(30).fill(0.3);
    close[3] = 0.8;
    close[11] = 0.8;
    close[20] = 0.78;
    const hard = await createSelector("multistage").select(30, recorder(bernoulliPool(close, 100, 5)).evaluate, { evalSize: 100, budget: 3000, seed: 5 });
    expect([3, 11, 20]).toContain(hard.ranking[0]?.index);
    expect(easy.evaluations).toBeLessThan(hard.evaluations);
    expect(easy.evaluations).toBeLessThan(multistageCost(30, 100));
  });

  it("shrinks the first batch under a tight budget and still races", async () => {
    const scores = bernoulliPool(spreadRates(50, 2), 100, 2);
    const rec = recorder(scores);
    const result = await createSelector("multistage").select(50, rec.evaluate, { evalSize: 100, budget: 400, seed: 2 });
    expect(result.evaluations).toBeLessThanOrEqual(400);
    expect(rec.calls[0]?.every((r) => r.examples.length === 2)).toBe(true);
    expect(rec.calls.length).toBeGreaterThan(1);
  });

  it("keeps the next race step out while the last is answered, with results independent of timing", async () => {
    const scores = bernoulliPool(spreadRates(40, 6), 100, 6);
    const run = async (overlap: number, delay: (call: number) => number) => {
      let out = 0;
      let most = 0;
      let calls = 0;
      const evaluate: Evaluate = async (requests) => {
        const call = calls++;
        most = Math.max(most, ++out);
        await new Promise((resolve) => setTimeout(resolve, delay(call)));
        out--;
        return requests.map((r) => r.examples.map((e) => scores[r.candidate]?.[e] ?? 0));
      };
      const result = await createSelector("multistage", { overlap }).select(40, evaluate, { evalSize: 100, budget: 4000, seed: 6 });
      return { result, most, calls };
    };
    // Answers that come back in a scrambled order of time change nothing: each step is decided
    // on the steps before the one still out.
    const steady = await run(1, () => 0);
    const scrambled = await run(1, (call) => (call * 7) % 5);
    expect(scrambled.result).toEqual(steady.result);
    expect(steady.most).toBe(2);
    expect(steady.calls).toBeGreaterThan(5);
    // Without overlap the race waits for each step.
    const sequential = await run(0, () => 0);
    expect(sequential.most).toBe(1);
  });

  it("races as many challengers per step as the race width allows, with results independent of timing", async () => {
    const scores = bernoulliPool(spreadRates(40, 6), 100, 6);
    const run = async (raceWidth: number | undefined, delay: (call: number) => number) => {
      let calls = 0;
      const widest: number[] = [];
      const evaluate: Evaluate = async (requests) => {
        const call = calls++;
        if (call > 0) widest.push(requests.length);
        await new Promise((resolve) => setTimeout(resolve, delay(call)));
        return requests.map((r) => r.examples.map((e) => scores[r.candidate]?.[e] ?? 0));
      };
      const result = await createSelector("multistage").select(40, evaluate, { evalSize: 100, budget: 4000, seed: 6, raceWidth });
      return { result, widest: Math.max(...widest) };
    };
    const steady = await run(3, () => 0);
    expect(await run(3, (call) => (call * 7) % 5)).toEqual(steady);
    // The leader and three challengers per step at width 3; two at width 2 (or none given: `width`).
    expect(steady.widest).toBe(4);
    expect((await run(2, () => 0)).widest).toBe(3);
    expect((await run(undefined, () => 0)).widest).toBe(3);
    expect(steady.result.evaluations).toBeLessThanOrEqual(multistageCost(40, 100));
  });

  it("gives the places beyond width only to challengers plausible at the tighter extraZ", async () => {
    const scores = bernoulliPool(spreadRates(40, 6), 100, 6);
    const steps = async (extraZ: number): Promise<number[]> => {
      const sizes: number[] = [];
      const evaluate: Evaluate = async (requests) => {
        sizes.push(requests.length);
        return requests.map((r) => r.examples.map((e) => scores[r.candidate]?.[e] ?? 0));
      };
      await createSelector("multistage", { extraZ }).select(40, evaluate, { evalSize: 100, budget: 4000, seed: 6, raceWidth: 6 });
      return sizes.slice(1);
    };
    const wide = await steps(1.5);
    const tight = await steps(0.5);
    const mean = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
    expect(Math.max(...wide)).toBe(7);
    expect(mean(tight)).toBeLessThan(mean(wide));
    // Never fewer than the leader and `width` challengers while the race is open.
    expect(tight.slice(0, 3).every((n) => n >= 3)).toBe(true);
  });

  it("names its winner once, as soon as it is certain, while the last race step is still out", async () => {
    for (const seed of [1, 2, 3]) {
      const scores = bernoulliPool(spreadRates(30, seed), 100, seed);
      let sent = 0;
      let answered = 0;
      const certain: { candidate: number; sent: number; answered: number }[] = [];
      const evaluate: Evaluate = async (requests) => {
        sent++;
        await new Promise((resolve) => setTimeout(resolve, 1));
        answered++;
        return requests.map((r) => r.examples.map((e) => scores[r.candidate]?.[e] ?? 0));
      };
      const onCertain = (candidate: number): void => void certain.push({ candidate, sent, answered });
      const result = await createSelector("multistage").select(30, evaluate, { evalSize: 100, budget: 3000, seed, onCertain });
      expect(certain).toEqual([{ candidate: result.ranking[0]?.index, sent, answered: sent - 1 }]);
    }
  });

  it("gives the width slots used to give (runs stored before the width was a setting), between width and 3", () => {
    // Two steps out, batches of 4: one request per candidate with --batch ≥ 4, four with --batch 1.
    expect(slotsWidth({}, { requests: 8, promptsPerRequest: 1 })).toBe(2);
    expect(slotsWidth({}, { requests: 32, promptsPerRequest: 1 })).toBe(3);
    expect(slotsWidth({}, { requests: 8, promptsPerRequest: 16 })).toBe(3);
    expect(slotsWidth({}, { requests: 64, promptsPerRequest: 1 })).toBe(3);
    expect(slotsWidth({ width: 5 }, { requests: 8, promptsPerRequest: 1 })).toBe(5);
  });

  it("rejects settings out of range", () => {
    expect(() => createSelector("multistage", { extraZ: -1 })).toThrow(/extraZ/);
    expect(() => createSelector("multistage", { overlap: -1 })).toThrow(/overlap/);
    expect(() => createSelector("multistage", { overlap: 1.5 })).toThrow(/overlap/);
    expect(() => createSelector("multistage", { z: 0 })).toThrow(/z/);
    expect(() => createSelector("multistage", { firstBatch: 0 })).toThrow(/firstBatch/);
    expect(() => createSelector("multistage", { batch: 0.5 })).toThrow(/batch/);
  });
});

describe("multistage width", () => {
  it("races several challengers per stage in fewer, larger evaluate calls", async () => {
    const { createSelector } = await import("../../src/select/index.js");
    const accuracies = Array.from({ length: 20 }, (_, i) => (i < 4 ? 0.8 - i * 0.01 : 0.3 + (i % 5) * 0.05));
    const calls = async (width: number): Promise<number> => {
      let n = 0;
      const evaluate = async (requests: readonly { candidate: number; examples: readonly number[] }[]) => {
        n++;
        return requests.map((q) => q.examples.map((e) => (((e * 7919 + q.candidate * 104729) % 1000) / 1000 < (accuracies[q.candidate] ?? 0) ? 1 : 0)));
      };
      await createSelector("multistage", { width }).select(20, evaluate, { evalSize: 100, budget: 2000, seed: 1 });
      return n;
    };
    expect(await calls(3)).toBeLessThan(await calls(1));
    expect(() => createSelector("multistage", { width: 0 })).toThrow(/width/);
  });
});
