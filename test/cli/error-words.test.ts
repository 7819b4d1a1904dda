/**
 * How a failure is said, to each reader: the resume hint names the database when it is not the
 * default (so the hint works as printed), the library names its options where the CLI names flags,
 * and with `--progress json` the failure is the last event, not a line of text.
 */
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { hostname } from "node:os";
import { cliMessage, flagOf } from "../../src/cli/cli-message.js";
import { main } from "../../src/cli/main.js";
import { type ApeError, search, UsageError } from "../../src/index.js";
import type { OptionName } from "../../src/message.js";
import { settingEntries } from "../../src/options/table.js";
import { captured, searchArgs } from "../support/cli.js";
import { readDb } from "../support/db.js";
import { simServers } from "../support/sim/per-test.js";
import { storeWithRun } from "../support/store.js";
import { writeSmallTask } from "../support/task-fixture.js";
import { tempDir } from "../support/temp.js";

const sims = simServers();

async function run(args: readonly string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  const ctx = { ...captured(), env };
  const code = await main(args, ctx);
  return { code, stdout: ctx.out(), stderr: ctx.err() };
}

/** The command between backticks after "Continue it with". */
function hint(stderr: string): string {
  const found = /Continue it with `(ape resume [^`]+)`/.exec(stderr);
  expect(found, stderr).not.toBeNull();
  return found?.[1] ?? "";
}

describe("the resume hint", () => {
  it("carries --db when the run is in another file, and works as printed", async () => {
    const server = await sims.world();
    const dir = tempDir();
    const task = writeSmallTask(dir);
    const db = join(dir, "other place.db");
    const stopped = await run(searchArgs(task, server.url, ["--candidates", "4", "--db", db, "--max-calls", "3", "--progress", "none"]));
    expect(stopped.code, stopped.stderr).toBe(5);
    const [id] = readDb<{ id: string }>(db, "SELECT id FROM runs").map((r) => r.id);
    const command = hint(stopped.stderr);
    expect(command).toBe(`ape resume ${id} --db '${db}'`);
    // Follow the hint as a shell would read it (the quoted path is one word), with a larger budget.
    const words = [...command.matchAll(/'([^']*)'|(\S+)/g)].map((m) => m[1] ?? m[2] ?? "").slice(1);
    const resumed = await run([...words, "--max-calls", "100000", "--progress", "none"]);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(readDb<{ status: string }>(db, "SELECT status FROM runs")).toEqual([{ status: "done" }]);
  });

  it("leaves --db out where the command would open that file by itself (APE_DB)", async () => {
    const server = await sims.world();
    const dir = tempDir();
    const db = join(dir, "ape.db");
    const stopped = await run(searchArgs(writeSmallTask(dir), server.url, ["--candidates", "4", "--max-calls", "3", "--progress", "none"]), { APE_DB: db });
    expect(stopped.code, stopped.stderr).toBe(5);
    expect(hint(stopped.stderr)).toMatch(/^ape resume [0-9a-f]{8}$/);
  });

  it("names the file in the hint of a run another live process holds", () => {
    const db = join(tempDir(), "held.db");
    const store = storeWithRun({}, db);
    store.query("UPDATE runs SET owner = ? WHERE id = 'r1' RETURNING id", `${hostname()}:${process.ppid}`);
    const error = (() => {
      try {
        store.claimRun("r1");
      } catch (e) {
        return e as ApeError;
      } finally {
        store.close();
      }
      throw new Error("the claim was not refused");
    })();
    expect(error.message).toContain('continue it with `search()` with the same options and runId "r1"');
    expect(cliMessage(error, {})).toContain(`continue it with \`ape resume r1 --db ${db}\``);
  });
});

describe("library errors name library options; the CLI names its flags", () => {
  it("says baseUrls to search() and --base-url on the command line", async () => {
    const dir = tempDir();
    const task = writeSmallTask(dir);
    const options = { task, model: "vllm:m", baseUrls: ["ftp://x"], db: join(dir, "a.db") };
    const error = await search(options).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UsageError);
    expect((error as Error).message).toBe('baseUrls "ftp://x" must be http:// or https://.');
    const cli = await run(searchArgs(task, "ftp://x", ["--db", join(dir, "b.db")]));
    expect(cli.code).toBe(2);
    expect(cli.stderr).toBe('ape: --base-url "ftp://x" must be http:// or https://.\n');
  });

  it("has a flag for every option a message may name", () => {
    const others: OptionName[] = ["baseUrls", "apiKey", "budget.maxCalls", "budget.maxTokens", "budget.maxCostUsd", "prices", "parallel", "tasks", "protocol"];
    expect(others.map(flagOf)).toEqual([
      "--base-url",
      "OPENAI_API_KEY",
      "--max-calls",
      "--max-tokens",
      "--max-cost",
      "--prices FILE",
      "--parallel",
      "--tasks",
      "--protocol",
    ]);
    for (const { key, meta } of settingEntries()) expect(flagOf(key)).toBe(`--${meta.flag}`);
  });
});

describe("--progress json", () => {
  it("ends a failure with an error event (exit code and message), every line JSON", async () => {
    const server = await sims.world({ apiKey: "sk-right-key-0123456789" });
    const dir = tempDir();
    const failed = await run(searchArgs(writeSmallTask(dir), server.url, ["--db", join(dir, "a.db"), "--progress", "json"]), { OPENAI_API_KEY: "wrong" });
    expect(failed.code).toBe(4);
    const events = failed.stderr
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(events[0]?.type).toBe("start");
    expect(events.at(-1)).toMatchObject({ type: "error", exitCode: 4 });
    expect(events.at(-1)?.message).toMatch(/refused the API key \(401\).*Set OPENAI_API_KEY to a valid key/);
    const usage = await run(["search", "--task", join(dir, "none.json"), "--progress", "json"]);
    expect(usage.code).toBe(2);
    expect(JSON.parse(usage.stderr)).toMatchObject({ type: "error", exitCode: 2, message: expect.stringContaining("no such file") });
  });
});
