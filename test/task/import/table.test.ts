import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { TaskError } from "../../../src/errors.js";
import { importCsv, importJsonl } from "../../../src/task/index.js";
import { tempFolder } from "../../support/temp.js";

describe("importCsv, importJsonl", () => {
  it("reads CSV columns and JSONL lines", async () => {
    const { dir, cleanup } = await tempFolder();
    try {
      const csv = join(dir, "words.csv");
      await writeFile(csv, 'word,meaning,x\nbig,"large, huge",1\nsmall,little,2\nhot,warm,3\n');
      const task = await importCsv(csv, { inputCol: "word", outputCol: "meaning" });
      expect(task.name).toBe("words");
      expect(task.examples[0]).toEqual({ input: "big", output: "large, huge" });
      await expect(importCsv(csv)).rejects.toThrow(/no column "input" \(columns: word, meaning, x\); choose one with --input-col/);
      await writeFile(csv, `word,meaning,x\nbig,"large,\nhuge",1\nsmall,${"y".repeat(20_001)},2\n`);
      await expect(importCsv(csv, { inputCol: "word", outputCol: "meaning" })).rejects.toThrow(
        `${csv}: line 4: column "meaning": too long: 20001 characters, the cap is 20000`,
      );
      await writeFile(csv, "a,b\n1,2,3\n");
      await expect(importCsv(csv, { inputCol: "a", outputCol: "b" })).rejects.toThrow(TaskError);
      const jsonl = join(dir, "lines.jsonl");
      await writeFile(jsonl, '{"input":"a","output":"b"}\n{"input":"c","output":["d","e"]}\n');
      expect((await importJsonl(jsonl)).examples).toHaveLength(2);
      await writeFile(jsonl, '{"input":"a","output":"b"}\n{"input":"c"}\n');
      await expect(importJsonl(jsonl)).rejects.toThrow(/lines\.jsonl: line 2: output: missing/);
    } finally {
      await cleanup();
    }
  });
});
