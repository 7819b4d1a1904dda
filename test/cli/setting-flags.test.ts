import { describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import { SETTINGS, settingEntries } from "../../src/options/table.js";
import { captured } from "../support/cli.js";

/** The lines of `--help` that describe `--flag` (a description may wrap onto following lines). */
function helpOf(help: string, flag: string): string {
  const block = new RegExp(`^ +--${flag} [\\s\\S]*?(?=^ +--|^\\S|(?![\\s\\S]))`, "m").exec(help);
  if (block === null) throw new Error(`--${flag} is not in the help:\n${help}`);
  return block[0].replace(/\s+/g, " ");
}

describe("the option table's flags", () => {
  it("refuse --seed -1 with exit 2 and a message naming --seed", async () => {
    const ctx = captured();
    expect(await main(["search", "--task", "x.json", "--seed", "-1"], ctx)).toBe(2);
    expect(ctx.err()).toBe("ape: --seed must be a whole number ≥ 0 (got -1).\n");
  });

  it("name the flag and show the value in the flag's units (--timeout is in seconds), for search, estimate, suite and resume", async () => {
    for (const [args, says] of [
      [["search", "--task", "x.json", "--timeout", "-2"], "--timeout must be a positive number (got -2)."],
      [["estimate", "--task", "x.json", "--top-k", "0"], "--top-k must be a whole number ≥ 1 (got 0)."],
      [["suite", "--tasks", "tasks", "--candidates", "abc"], "--candidates needs a number (got NaN)."],
      [["resume", "0123abcd", "--concurrency", "0"], "--concurrency must be a whole number ≥ 1 (got 0)."],
    ] as const) {
      const ctx = captured();
      expect(await main([...args], ctx), ctx.err()).toBe(2);
      expect(ctx.err()).toContain(says);
    }
  });

  it("show in `ape search --help` the defaults the library applies, from the same table", async () => {
    const ctx = captured();
    expect(await main(["search", "--help"], ctx)).toBe(0);
    for (const { key, meta } of settingEntries()) {
      const fallback = SETTINGS.shape[key].parse(undefined);
      const shown = typeof fallback === "number" ? fallback / (meta.scale ?? 1) : fallback;
      const text = helpOf(ctx.out(), meta.flag);
      expect(text, `--${meta.flag}`).toContain(meta.describe);
      expect(text, `--${meta.flag}`).toContain(shown === undefined ? `[default: ${meta.defaultText ?? ""}]` : `[default: ${JSON.stringify(shown)}]`);
    }
    expect(helpOf(ctx.out(), "timeout")).toContain("[default: 120]");
    expect(helpOf(ctx.out(), "seed")).toContain("[default: 0]");
  });

  it("let `ape resume` change exactly the resumable settings, as stored unless given", async () => {
    const ctx = captured();
    expect(await main(["resume", "--help"], ctx)).toBe(0);
    for (const { meta } of settingEntries()) {
      if (meta.resumable === true) expect(helpOf(ctx.out(), meta.flag)).toContain("[default: as stored]");
      else expect(ctx.out()).not.toMatch(new RegExp(`^ +--${meta.flag} `, "m"));
    }
  });
});
