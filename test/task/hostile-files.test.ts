/**
 * Task input a hostile or careless user may give: files that are not regular files (a device that
 * never ends, a FIFO that never answers, a folder), keys and values far too long to echo, and
 * files that parse but would mislead a search (empty outputs, keys given twice, templates that
 * leave the proposer without its demos). Each is refused with exit 2, naming the file and field.
 */
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import { parseTask } from "../../src/task/index.js";
import { importCsv } from "../../src/task/import/table.js";
import { captured } from "../support/cli.js";
import { tempDir } from "../support/temp.js";
import { problems } from "../support/task-problems.js";

const two = [
  { input: "a", output: "b" },
  { input: "c", output: "d" },
];

async function validate(file: string): Promise<{ code: number; out: string; err: string }> {
  const ctx = captured();
  const code = await main(["tasks", "validate", file], ctx);
  return { code, out: ctx.out(), err: ctx.err() };
}

describe("task input that is not a regular file", () => {
  it("refuses /dev/zero at once instead of reading it forever", async () => {
    const run = await validate("/dev/zero");
    expect(run.code).toBe(2);
    expect(run.err).toContain("/dev/zero: cannot read: a device, not a regular file");
  });

  it("refuses a FIFO without waiting for a writer", async () => {
    const fifo = join(tempDir(), "pipe.json");
    execFileSync("mkfifo", [fifo]);
    const run = await validate(fifo);
    expect(run.code).toBe(2);
    expect(run.err).toContain(`${fifo}: cannot read: a FIFO (named pipe), not a regular file`);
  });

  it("refuses a folder given where a task file belongs", async () => {
    const dir = tempDir();
    const run = await validate(dir);
    expect(run.code).toBe(2);
    expect(run.err).toContain(`${dir}: cannot read: a directory, not a regular file`);
    expect(run.err).not.toMatch(/at .*\.(js|ts):\d+/);
  });

  it("refuses a file over the size cap before reading it", async () => {
    const file = join(tempDir(), "huge.json");
    execFileSync("truncate", ["-s", `${256 * 1024 * 1024 + 1}`, file]);
    const run = await validate(file);
    expect(run.code).toBe(2);
    expect(run.err).toContain(`${file}: file too large (over 256 MiB, the most ape reads)`);
    expect(existsSync(file)).toBe(true);
  });
});

describe("messages quote a file's text clipped, never whole", () => {
  it("cuts a 10 MB unknown key and a long metric name with an ellipsis", async () => {
    const key = "k".repeat(10_000_000);
    const file = join(tempDir(), "long-key.json");
    await writeFile(file, `{"name": "t", "metric": "${"m".repeat(5000)}", "${key}": 1, "examples": ${JSON.stringify(two)}}`);
    const run = await validate(file);
    expect(run.code).toBe(2);
    expect(run.err.length).toBeLessThan(2000);
    expect(run.err).toContain(`${"k".repeat(60)}… (10000000 characters): unknown field`);
    expect(run.err).toContain(`unknown metric "${"m".repeat(59)}… (5002 characters)`);
  });
});

describe("task files that parse but would mislead a search", () => {
  it("refuses an empty or blank output, naming the example and list item", () => {
    const examples = [
      { input: "a", output: "" },
      { input: "b", output: ["x", " \n\t"] },
      { input: "c", output: "d" },
      { input: "e", output: "f" },
    ];
    const found = problems(JSON.stringify({ name: "t", examples }));
    expect(found).toEqual([
      "examples[0].output: empty (or only whitespace); an empty answer from the model would score 1 against it: give the expected answer, or remove the example",
      "examples[1].output[1]: empty (or only whitespace); an empty answer from the model would score 1 against it: give the expected answer, or remove the example",
    ]);
    expect(problems('{"input": "a", "output": " "}\n{"input": "b", "output": "c"}\n', "t.jsonl")[0]).toMatch(/^line 1: output: empty/);
  });

  it("refuses a key given twice in one object, naming where (JSON would keep only the last)", () => {
    const text = '{"name": "t", "examples": [\n {"input": "a", "output": "b", "output": ""},\n {"input": "c", "output": "d"}\n]}';
    expect(problems(text)).toContain(
      "examples[0].output: given twice in one object (again at line 2:32); JSON keeps only the last and drops the first silently: remove or rename one",
    );
    const twice = `{"name": "t", "examples": ${JSON.stringify(two)}, "examples": ${JSON.stringify(two)}}`;
    expect(problems(twice)[0]).toMatch(/^examples: given twice in one object \(again at line 1:\d+\)/);
    expect(problems('{"input": "a", "input": "b", "output": "c"}\n{"input": "d", "output": "e"}\n', "t.jsonl")[0]).toMatch(
      /^line 1: input: given twice in one object/,
    );
  });

  it("refuses proposal templates that would leave the proposer without its demos", () => {
    const forward = problems(JSON.stringify({ name: "t", templates: { forward: "[APE]\n\n[full_DEMO]" }, examples: two }));
    expect(forward).toEqual([
      "templates.forward: [full_DEMO] comes after [APE], but the proposer is sent only the text before [APE]: it would see no demos (and maybe an empty prompt); put [full_DEMO] before [APE]",
    ]);
    const reverse = problems(JSON.stringify({ name: "t", templates: { reverse: "[APE]" }, examples: two }));
    expect(reverse).toEqual(["templates.reverse: missing [full_DEMO]; the reverse template needs [APE] [full_DEMO]"]);
    expect(() =>
      parseTask(
        JSON.stringify({ name: "t", templates: { forward: "Demos: [full_DEMO] so: [APE]", reverse: "[APE] then [full_DEMO]" }, examples: two }),
        "t.json",
      ),
    ).not.toThrow();
  });

  it("refuses a blank output in a CSV source, naming its line and column", async () => {
    const file = join(tempDir(), "pairs.csv");
    await writeFile(file, "input,output\na,b\nc, \ne,f\n");
    await expect(importCsv(file)).rejects.toThrow(`${file}: line 3: column "output": empty (or only whitespace)`);
  });

  it("exits 2 on the command line naming the file and field", async () => {
    const file = join(tempDir(), "blank.json");
    await writeFile(file, JSON.stringify({ name: "t", examples: [{ input: "a", output: "  " }, ...two] }));
    const run = await validate(file);
    expect(run.code).toBe(2);
    expect(run.err).toContain(`${file}: examples[0].output: empty (or only whitespace)`);
  });
});
