import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { invalidUtf8Offset, readTextFile } from "../../src/task/read-text.js";
import { loadTask } from "../../src/task/index.js";
import { tempFolder } from "../support/temp.js";

const bytes = (...parts: (string | number[])[]): Uint8Array => Buffer.concat(parts.map((p) => (typeof p === "string" ? Buffer.from(p) : Buffer.from(p))));

describe("strict UTF-8", () => {
  it("accepts every well-formed sequence and finds the first bad one", () => {
    expect(invalidUtf8Offset(bytes("plain ascii, é, €, 𝄞, 中文"))).toBeUndefined();
    expect(invalidUtf8Offset(bytes("ab", [0xff]))).toBe(2);
    expect(invalidUtf8Offset(bytes("a", [0xc0, 0xaf]))).toBe(1); // overlong "/"
    expect(invalidUtf8Offset(bytes("ab", [0xed, 0xa0, 0x80]))).toBe(2); // a UTF-16 surrogate
    expect(invalidUtf8Offset(bytes([0xf4, 0x90, 0x80, 0x80]))).toBe(0); // past U+10FFFF
    expect(invalidUtf8Offset(bytes("é", [0xe2, 0x82]))).toBe(2); // cut short at the end
    expect(invalidUtf8Offset(bytes("x", [0xe2, 0x28, 0xa1]))).toBe(1); // a continuation byte missing
  });

  it("refuses a file with bad bytes instead of reading U+FFFD, naming the byte and line", async () => {
    const { dir, cleanup } = await tempFolder();
    try {
      const file = join(dir, "t.json");
      await writeFile(file, bytes('{"name": "t",\n"examples": [{"input": "caf', [0xe9], '", "output": "x"}, {"input": "a", "output": "b"}]}'));
      await expect(loadTask(file)).rejects.toThrow(`${file}: byte 41 (line 2): not valid UTF-8 (0xe9 0x22 0x2c 0x20); save the file as UTF-8`);
      await writeFile(file, bytes("\uFEFF", '{"name": "t", "examples": [{"input": "café", "output": "x"}, {"input": "a", "output": "b"}]}'));
      const task = await loadTask(file);
      expect([...task.splits.demo, ...task.splits.eval].map((e) => e.input).sort()).toEqual(["a", "café"]);
      expect(await readTextFile(file)).toContain("café");
    } finally {
      await cleanup();
    }
  });
});
