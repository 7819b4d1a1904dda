import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import { estimate, search, type Estimate, type SearchEvent } from "../../src/index.js";
import { WORLD } from "../support/sim/fixture.js";
import { simServers } from "../support/sim/per-test.js";
import { writeWorldTask } from "../support/task-fixture.js";
import { tempDir } from "../support/temp.js";
import { expectWithinEstimate } from "../support/estimate-check.js";
import { captured } from "../support/cli.js";

const sims = simServers();

/** A world whose proposer has many distinct instructions, so the pool is as large as asked. */
const MANY = {
  ...WORLD,
  proposals: ["Write", "Give", "Say", "State", "Name", "Return"].flatMap((v) =>
    ["the antonym of", "the opposite of", "a synonym of", "a rhyme for"].flatMap((w) => [`${v} ${w} the word.`, `${v} ${w} the input.`]),
  ),
};

describe("estimate", () => {
  it("plans the calls and tokens a search then uses, within 15%, and never fewer calls", async () => {
    const server = await sims.start({ world: MANY, seed: 7 });
    const dir = tempDir();
    const options = { task: writeWorldTask(dir), model: "vllm:sim-model", baseUrls: [server.url], candidates: 20, db: join(dir, "a.db"), seed: 1 } as const;
    const planned = await estimate(options);
    expect(server.stats.prompts).toBe(0); // no model is called
    expect(planned.target.encoding).toBe("cl100k_base");
    expect(planned.target.exactTokens).toBe(false);
    const result = await search(options);
    expectWithinEstimate(result.totals, planned);
  });

  it("`ape estimate` prints calls, tokens and cost per role with the price table, and `ape search` shows it first on stderr", async () => {
    const server = await sims.start({ world: MANY, seed: 7 });
    const dir = tempDir();
    const prices = join(dir, "prices.json");
    writeFileSync(prices, JSON.stringify({ "sim-model": { input: 100, output: 300 } }));
    const flags = [
      "--task",
      writeWorldTask(dir),
      "--model",
      "vllm:sim-model",
      "--base-url",
      server.url,
      "--candidates",
      "10",
      "--db",
      join(dir, "a.db"),
      "--prices",
      prices,
    ];
    const ctx = captured();
    expect(await main(["estimate", ...flags], ctx)).toBe(0);
    const out = ctx.out();
    expect(out).toMatch(/proposer\s+vllm:sim-model\s+\d+/);
    expect(out).toMatch(/target\s+vllm:sim-model\s+\d+/);
    expect(out).toMatch(/total\s+\d+\s+[\d,]+\s+[\d,]+\s+\$\d+\.\d\d/);
    expect(out).toContain("cl100k_base");

    const json = captured();
    expect(await main(["estimate", ...flags, "--json"], json)).toBe(0);
    const doc = JSON.parse(json.out()) as { total: { costUsd: number; calls: number } };
    expect(doc.total.costUsd).toBeGreaterThan(0);

    const run = captured();
    expect(await main(["search", ...flags, "--progress", "plain"], run)).toBe(0);
    expect(run.err()).toContain("estimate:");
    expect(run.err().indexOf("estimate:")).toBeLessThan(run.err().indexOf("stage:"));
    expect(run.err()).toContain(`$${doc.total.costUsd.toFixed(2)}`);
    // Once the proposals are made, the estimate comes again, before selection starts.
    const again = run.err().indexOf("estimate, with the proposals made:");
    expect(again).toBeGreaterThan(run.err().indexOf("stage: propose"));
    expect(again).toBeLessThan(run.err().indexOf("stage: select"));
  });

  it("is made again once the pool is known: its real size and instructions, and the proposals' real cost", async () => {
    const server = await sims.start({ world: MANY, seed: 7 });
    const dir = tempDir();
    const options = {
      task: writeWorldTask(dir),
      model: "vllm:sim-model",
      baseUrls: [server.url],
      candidates: 20,
      db: join(dir, "a.db"),
      seed: 1,
      selector: "exhaustive",
    } as const;
    const planned = await estimate(options);
    const events: SearchEvent[] = [];
    const result = await search({ ...options, onEvent: (e) => events.push(e) });
    const estimates = events.flatMap((e) => (e.type === "estimate" ? [e] : []));
    expect(estimates.map((e) => e.basis)).toEqual(["plan", "proposals"]);
    const refined = estimates[1]?.estimate as Estimate;
    const pool = events.find((e) => e.type === "proposals");
    expect(refined.candidates).toBe(pool?.type === "proposals" ? pool.pool : -1);
    // Exhaustive selection on a known pool: calls exactly, tokens closer than the plan's.
    expect(refined.total.calls).toBe(result.totals.calls);
    const actual = result.totals.promptTokens + result.totals.completionTokens;
    const error = (e: Estimate): number => Math.abs(e.total.promptTokens + e.total.completionTokens - actual) / actual;
    expect(error(refined)).toBeLessThan(error(planned));
    expect(error(refined)).toBeLessThan(0.05);
  });
});
