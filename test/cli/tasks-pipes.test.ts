/**
 * The real built CLI on what a shell gives it: task paths as arguments (shown back exactly as
 * typed), files that are not UTF-8, and a stdout whose reader has already gone (`… | head -1`).
 */
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ape, spawnApe, type CliRun } from "../support/cli.js";
import { tempDir } from "../support/temp.js";

/** Run `ape …args` with its stdout closed on our side before it starts writing. */
function withClosedStdout(args: readonly string[], cwd?: string): Promise<CliRun> {
  const { child, done } = spawnApe(args, cwd === undefined ? {} : { cwd });
  child.stdout?.destroy();
  return done;
}

/** The text before the bad bytes: 87 bytes, ending on line 3. */
const HEAD = '{"name": "t",\n "examples": [{"input": "a", "output": "b"},\n {"input": "c", "output": "d';

/** A task file with the bytes `bad` in the middle of an output (byte 87, line 3). */
function badUtf8Task(bad: readonly number[]): Buffer {
  return Buffer.concat([Buffer.from(HEAD), Buffer.from(bad), Buffer.from('"}]}\n')]);
}

describe("ape on the command line", () => {
  it("takes task folders and files as arguments and names every path exactly as typed", async () => {
    const cwd = tempDir();
    await mkdir(join(cwd, "My Tasks"));
    await writeFile(join(cwd, "My Tasks", "pairs.jsonl"), '{"input":"a","output":"b"}\n{"input":"c","output":"d"}\n');
    await writeFile(join(cwd, "My Tasks", "broken.json"), '{"name": "x"}');
    const run = await ape(["tasks", "./My Tasks//", "My Tasks/pairs.jsonl"], { cwd });
    expect(run.code).toBe(2);
    expect(run.stdout.match(/^pairs\s+1\s+1\s+0\s+exact_match\s+0$/gm)).toHaveLength(2);
    expect(run.stderr).toContain("./My Tasks//broken.json: examples: missing");
    expect(run.stderr).not.toMatch(/unknown flag|at .*\.js:\d+/);
    const missing = await ape(["tasks", "./No Such/Dir"], { cwd });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe("ape: cannot read ./No Such/Dir: no such file or folder; give task files or folders of them\n");
    await writeFile(
      join(cwd, "bb.json"),
      JSON.stringify({
        name: "bb",
        examples: [
          { input: "a", target: "b" },
          { input: "c", target: "d" },
        ],
      }),
    );
    const imported = await ape(["import", "bigbench", "./bb.json", "--out", "./Out Dir/"], { cwd });
    expect(imported.stdout).toBe("wrote ./Out Dir/bb.json: 1 demo, 1 eval, 0 test, 0 references\n");
    const again = await ape(["import", "bigbench", "./bb.json", "--out", "./Out Dir/"], { cwd });
    expect(again.stderr).toBe("ape: ./Out Dir/bb.json already exists; pass --force to replace it\n");
  });

  it("refuses a task file that is not UTF-8, naming the file and the byte offset", async () => {
    const cwd = tempDir();
    await writeFile(join(cwd, "latin1.json"), badUtf8Task([0xe9, 0x74, 0xe9]));
    await writeFile(
      join(cwd, "overlong.jsonl"),
      Buffer.concat([Buffer.from('{"input":"a","output":"b"}\n{"input":"'), Buffer.from([0xc0, 0xaf]), Buffer.from('","output":"d"}\n')]),
    );
    expect(Buffer.byteLength(HEAD)).toBe(87);
    const run = await ape(["tasks", "validate", "latin1.json", "overlong.jsonl"], { cwd });
    expect(run.code).toBe(2);
    expect(run.stdout).toBe("INVALID latin1.json\nINVALID overlong.jsonl\n");
    expect(run.stderr).toContain("latin1.json: byte 87 (line 3): not valid UTF-8 (0xe9 0x74 0xe9 0x22); save the file as UTF-8");
    expect(run.stderr).toContain("overlong.jsonl: byte 37 (line 2): not valid UTF-8 (0xc0 0xaf");
    expect(run.stderr).not.toContain("\uFFFD");
    const imported = await ape(["import", "bigbench", "latin1.json", "--out", "out"], { cwd });
    expect(imported.code).toBe(2);
    expect(imported.stderr).toContain("latin1.json: byte 87 (line 3): not valid UTF-8");
  });

  it("ends quietly with exit 0 when the reader of its output has gone", async () => {
    const cwd = tempDir();
    const tasks = join(import.meta.dirname, "../../tasks");
    const fixture = join(import.meta.dirname, "../fixtures/ape-layout");
    for (const args of [
      ["tasks", "validate", join(tasks, "sum.json"), join(tasks, "antonyms.json")],
      ["tasks", tasks],
      ["import", "ape", fixture, "--out", "out"],
      ["--help"],
    ]) {
      const run = await withClosedStdout(args, cwd);
      expect({ args, code: run.code, stderr: run.stderr }).toEqual({ args, code: 0, stderr: "" });
    }
  });
});
