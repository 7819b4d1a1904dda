import { readFileSync } from "node:fs";
import { relative } from "node:path";
import { describe, expect, it } from "vitest";
import { SRC, sourceFiles } from "./source-files.js";

/** Most lines a file of src/ may hold: past it, a file does more than one job and is split by job. */
const MAX_LINES = 300;

describe("files in src/", () => {
  it(`hold at most ${MAX_LINES} lines each`, () => {
    const long = sourceFiles(SRC)
      .map((path) => ({ path, lines: readFileSync(path, "utf8").replace(/\n$/, "").split("\n").length }))
      .filter((f) => f.lines > MAX_LINES)
      .map((f) => `${relative(SRC, f.path)}: ${f.lines} lines`);
    expect(long, long.join("\n")).toEqual([]);
  });
});
