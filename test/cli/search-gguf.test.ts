import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import { resumeOptions } from "../../src/cli/resume-options.js";
import type { RunRow } from "../../src/store/rows.js";
import { tinyFullModelFile, tinyModelFile } from "../support/gguf/tiny-model-file.js";
import { writeWorldTask } from "../support/task-fixture.js";
import { tempDir } from "../support/temp.js";
import { captured } from "../support/cli.js";
import { readDb } from "../support/db.js";

/** Flags of a small logprob-scored search of the world's task (written into `dir`) on a gguf model file. */
function tinySearch(model: string, dir: string, db: string): string[] {
  const flags = ["--threads", "1", "--scorer", "logprob", "--candidates", "4", "--subsets", "2"];
  return ["--task", writeWorldTask(dir), "--model", `gguf:${model}`, ...flags, "--db", db, "--json", "--progress", "none"];
}

describe("ape search with the in-process gguf backend", () => {
  it("runs a whole search on the tiny model, scoring by exact log-probabilities", async () => {
    const model = await tinyModelFile();
    const dir = tempDir();
    const ctx = captured();
    const code = await main(["search", ...tinySearch(model, dir, join(dir, "a.db"))], ctx);
    expect(ctx.err()).toBe("");
    expect(code).toBe(0);
    const doc = JSON.parse(ctx.out()) as { status: string; target: string; candidates: { score: number; evalCount: number }[] };
    expect(doc.status).toBe("done");
    expect(doc.target).toBe(`gguf:${model}`);
    expect(doc.candidates.length).toBeGreaterThan(0);
    for (const c of doc.candidates) expect(c.score).toBeLessThan(0);
  });

  it("runs a chat-template task on a model with a chat template, in-process, scoring by exact log-probs after the template", async () => {
    const model = await tinyFullModelFile();
    const dir = tempDir();
    const db = join(dir, "chat.db");
    const args = tinySearch(model, dir, db);
    const eval_ = [
      { role: "system", content: "[PROMPT]" },
      { role: "user", content: "[INPUT]" },
    ];
    args[1] = writeWorldTask(dir, { templates: { eval: eval_ } });
    const ctx = captured();
    const code = await main(["search", ...args], ctx);
    expect(ctx.err()).toBe("");
    expect(code).toBe(0);
    const doc = JSON.parse(ctx.out()) as { status: string; candidates: { text: string; score: number }[] };
    expect(doc.status).toBe("done");
    for (const c of doc.candidates) expect(c.score).toBeLessThan(0);
    // Each scoring request was the candidate as the system message and the word as the user's turn.
    const requests = readDb<{ request: string }>(db, "SELECT request FROM calls WHERE role = 'target'").map(
      (r) => JSON.parse(r.request) as { prefix: { role: string; content: string }[] },
    );
    expect(requests.length).toBeGreaterThan(0);
    const texts = new Set(doc.candidates.map((c) => c.text));
    for (const r of requests) {
      expect(r.prefix.map((m) => m.role)).toEqual(["system", "user"]);
      expect(texts.has(r.prefix[0]?.content ?? "∅") || r.prefix[0]?.content === "Write the opposite of the word.").toBe(true);
    }
  }, 60_000);

  it("names the file when the gguf path does not exist", async () => {
    const dir = tempDir();
    const ctx = captured();
    const code = await main(
      ["search", "--task", writeWorldTask(dir), "--model", "gguf:./no-such-model.gguf", "--db", join(dir, "a.db"), "--progress", "none"],
      ctx,
    );
    expect(code).toBe(2);
    expect(ctx.err()).toContain("no-such-model.gguf");
  });
});

describe("ape resume --threads", () => {
  it("is listed by `ape resume --help`; an unknown flag or a bad number is exit 2", async () => {
    const help = captured();
    expect(await main(["resume", "--help"], help)).toBe(0);
    expect(help.out()).toMatch(/--threads\s+CPU threads of the in-process gguf backend/);
    const unknown = captured();
    expect(await main(["resume", "0123abcd", "--threads", "2", "--frobnicate"], unknown)).toBe(2);
    expect(unknown.err()).toMatch(/unknown flag --frobnicate\n/);
    // A negated unknown flag is named once, not once per spelling yargs derives from it.
    const negated = captured();
    expect(await main(["resume", "0123abcd", "--no-such-flag"], negated)).toBe(2);
    expect(negated.err()).toMatch(/^ape: unknown flag --such-flag\n/);
    for (const [threads, says] of [
      ["many", "--threads needs a number"],
      ["-1", "--threads must not be negative"],
    ] as const) {
      const bad = captured();
      expect(await main(["resume", "0123abcd", "--threads", threads], bad)).toBe(2);
      expect(bad.err()).toContain(says);
    }
  });

  it("reaches the resumed search, and a budget-stopped gguf run finishes with it", async () => {
    const model = await tinyModelFile();
    const dir = tempDir();
    const db = join(dir, "a.db");
    const args = tinySearch(model, dir, db);
    const stopped = captured();
    expect(await main(["search", ...args, "--max-calls", "3"], stopped), stopped.err()).toBe(5);
    const [run] = readDb<RunRow>(db, "SELECT * FROM runs");
    if (run === undefined) throw new Error("the stopped run was not stored");
    expect(resumeOptions(run, db, { threads: 2 }, captured()).gguf).toEqual({ threads: 2 });
    expect(resumeOptions(run, db, {}, captured()).gguf).toEqual({});

    const resumed = captured();
    expect(await main(["resume", run.id, "--db", db, "--threads", "1", "--max-calls", "100000", "--json", "--progress", "none"], resumed), resumed.err()).toBe(
      0,
    );
    expect((JSON.parse(resumed.out()) as { status: string }).status).toBe("done");
  });
});
