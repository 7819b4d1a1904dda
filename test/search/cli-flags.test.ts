import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import type { SearchResult } from "../../src/index.js";
import { simServers } from "../support/sim/per-test.js";
import { writeWorldTask } from "../support/task-fixture.js";
import { tempDir } from "../support/temp.js";
import { captured, searchArgs } from "../support/cli.js";
import { RICH_WORLD } from "./support.js";

const sims = simServers();

describe("ape search --mode, --rounds, --refine, --top-k, --variants", () => {
  it("proposes both ways, resamples the top candidates, and says how each candidate came about", async () => {
    const server = await sims.world({ world: RICH_WORLD, family: "openai-instruct" });
    const dir = tempDir();
    const ctx = captured();
    const args = searchArgs(
      writeWorldTask(dir),
      server.url,
      [
        "--mode",
        "both",
        "--candidates",
        "8",
        "--rounds",
        "1",
        "--refine",
        "resample",
        "--top-k",
        "2",
        "--variants",
        "3",
        "--seed",
        "3",
        "--db",
        join(dir, "a.db"),
        "--json",
        "--progress",
        "none",
      ],
      "openai:sim-model",
    );
    expect(await main(args, ctx)).toBe(0);
    const doc = JSON.parse(ctx.out()) as SearchResult;
    const origins = new Set(doc.candidates.map((c) => c.origin));
    expect(origins).toEqual(new Set(["forward", "reverse", "resample"]));
    expect(doc.candidates.filter((c) => c.origin === "reverse").every((c) => c.fillPath === "suffix")).toBe(true);
    const variants = doc.candidates.filter((c) => c.origin === "resample");
    const parents = new Set(variants.map((c) => c.parentId));
    expect(parents.size).toBeLessThanOrEqual(2);
    expect(variants.every((c) => c.round === 1 && doc.candidates.some((p) => p.id === c.parentId && p.round === 0))).toBe(true);
  });
});
