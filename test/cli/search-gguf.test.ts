import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import { tinyModelFile } from "../support/gguf/tiny-model-file.js";
import { writeWorldTask } from "../support/task-fixture.js";
import { tempDir } from "../support/temp.js";
import { captured } from "../support/cli.js";

describe("ape search with the in-process gguf backend", () => {
  it("runs a whole search on the tiny model, scoring by exact log-probabilities", async () => {
    const model = await tinyModelFile();
    const dir = tempDir();
    const ctx = captured();
    const code = await main(
      ["search", "--task", writeWorldTask(dir), "--model", `gguf:${model}`, "--threads", "1", "--scorer", "logprob", "--candidates", "4", "--subsets", "2", "--db", join(dir, "a.db"), "--json", "--progress", "none"],
      ctx,
    );
    expect(ctx.err()).toBe("");
    expect(code).toBe(0);
    const doc = JSON.parse(ctx.out()) as { status: string; target: string; candidates: { score: number; evalCount: number }[] };
    expect(doc.status).toBe("done");
    expect(doc.target).toBe(`gguf:${model}`);
    expect(doc.candidates.length).toBeGreaterThan(0);
    for (const c of doc.candidates) expect(c.score).toBeLessThan(0);
  });

  it("names the file when the gguf path does not exist", async () => {
    const dir = tempDir();
    const ctx = captured();
    const code = await main(["search", "--task", writeWorldTask(dir), "--model", "gguf:./no-such-model.gguf", "--db", join(dir, "a.db"), "--progress", "none"], ctx);
    expect(code).toBe(2);
    expect(ctx.err()).toContain("no-such-model.gguf");
  });
});
