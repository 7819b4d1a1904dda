import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { probeTable } from "./probe-table.js";

describe("the README's server table", () => {
  it("is what the probe finds on each simulated server family", async () => {
    const readme = readFileSync(join(import.meta.dirname, "../../README.md"), "utf8");
    const copy = /<!-- probe-table:start -->\n([\s\S]*?)\n<!-- probe-table:end -->/.exec(readme)?.[1];
    expect(copy, "README.md has no probe table between its markers").toBeDefined();
    expect(copy, "the README's table is out of date: replace it with the output of `npx tsx test/support/probe-table.ts`").toBe(await probeTable());
  }, 60_000);
});
