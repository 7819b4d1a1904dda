/**
 * A server error that quotes the API key (OpenAI's 401 quotes it in part; some proxies echo the
 * request's Authorization header whole): the key reaches none of stderr, `--progress json`,
 * `runs.error`, `calls.error`, the database file, `ape show` and the HTML report. The simulated
 * server's `401-key` and `502-echo` faults replay both (test/support/sim/README.md, Faults).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import { search } from "../../src/index.js";
import { ape, captured, searchArgs } from "../support/cli.js";
import { readDb } from "../support/db.js";
import { startWorld } from "../support/sim/fixture.js";
import type { SimServer } from "../support/sim/index.js";
import { writeSmallTask } from "../support/task-fixture.js";
import { tempDir } from "../support/temp.js";

const KEY = "sk-proj-abc12DEF34ghi56JKL78mno90wxyz";
/** Pieces of the key a leak would show: the whole, its prefix as OpenAI quotes it, its middle, its end. */
const PIECES = [KEY, KEY.slice(0, 8), "abc12DEF", "mno90wxyz", "wxyz"];

const servers: SimServer[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.close();
});

function expectNoKey(where: string, text: string): void {
  for (const piece of PIECES) expect(text.includes(piece), `${where} holds "${piece}": ${text.slice(0, 400)}`).toBe(false);
}

/** Every trace a stopped run leaves: its rows, the database file's bytes, `ape show` and the report. */
async function expectNoKeyStored(db: string): Promise<void> {
  const run = readDb<{ id: string; error: string | null }>(db, "SELECT id, error FROM runs ORDER BY created_at DESC LIMIT 1")[0];
  expect(run?.error).toBeTruthy();
  expectNoKey("runs.error", run?.error ?? "");
  for (const file of [db, `${db}-wal`]) {
    try {
      expectNoKey(file, readFileSync(file).toString("latin1"));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    }
  }
  const shown = captured();
  expect(await main(["show", run?.id ?? "", "--db", db], shown)).toBe(0);
  expect(shown.out()).toContain("stopped:");
  expectNoKey("ape show", shown.out() + shown.err());
  const page = join(tempDir(), "report.html");
  const reported = captured();
  expect(await main(["report", run?.id ?? "", "--db", db, "--out", page], reported)).toBe(0);
  const html = readFileSync(page, "utf8");
  expect(html).toContain("Stopped:");
  expectNoKey("the HTML report", html);
}

describe("a server error that quotes the API key", () => {
  it("OpenAI's 401 quoting it in part, during the probe and during the search: nowhere on stderr, in events, rows or reports", async () => {
    // Requests with "Input:" in them are the search's own (proposals, evaluations); the probe's pass.
    const server = await startWorld({ faults: { rate: 1, kinds: ["401-key"], bodyIncludes: "Input:" } });
    servers.push(server);
    const dir = tempDir();
    const task = writeSmallTask(dir);
    const db = join(dir, "ape.db");
    const run = await ape(searchArgs(task, server.url, ["--candidates", "4", "--db", db, "--progress", "json"]), { env: { OPENAI_API_KEY: KEY } });
    expect(run.code, run.stderr).toBe(4);
    expect(run.stderr).toContain("Incorrect API key provided: [redacted]");
    expectNoKey("stderr", run.stderr + run.stdout);
    const calls = readDb<{ error: string }>(db, "SELECT error FROM calls WHERE error IS NOT NULL");
    expect(calls.length).toBeGreaterThan(0);
    for (const c of calls) expectNoKey("calls.error", c.error);
    await expectNoKeyStored(db);

    // The same refusal at the first request of the probe.
    server.setFaults({ rate: 1, kinds: ["401-key"] });
    const probe = await ape(searchArgs(task, server.url, ["--candidates", "4", "--db", db, "--fresh", "--progress", "plain"]), {
      env: { OPENAI_API_KEY: KEY },
    });
    expect(probe.code, probe.stderr).toBe(4);
    expect(probe.stderr).toContain("refused the API key (401)");
    expectNoKey("stderr", probe.stderr + probe.stdout);
    await expectNoKeyStored(db);
  });

  it("a proxy's 502 page echoing the Authorization header: the error thrown, rows and reports hold no key", async () => {
    const server = await startWorld({ faults: { rate: 1, kinds: ["502-echo"], bodyIncludes: "Input:" } });
    servers.push(server);
    const dir = tempDir();
    const db = join(dir, "ape.db");
    const events: string[] = [];
    const error = await search({
      task: writeSmallTask(dir),
      model: "vllm:sim-model",
      baseUrls: [server.url],
      apiKey: KEY,
      candidates: 4,
      db,
      retry: { attempts: 2, baseMs: 1, maxMs: 2 },
      onEvent: (e) => events.push(JSON.stringify(e)),
    }).then(
      () => new Error("the search did not fail"),
      (e: unknown) => e as Error,
    );
    expect(error).toBeInstanceOf(Error);
    expect(server.stats.faults["502-echo"]).toBeGreaterThan(0);
    expect(error.message).toContain("authorization: Bearer [redacted]");
    expectNoKey("the error thrown", `${error.message} ${String(error.cause ?? "")}`);
    expectNoKey("the events", events.join("\n"));
    const calls = readDb<{ error: string }>(db, "SELECT error FROM calls WHERE error IS NOT NULL");
    expect(calls.length).toBeGreaterThan(0);
    for (const c of calls) expectNoKey("calls.error", c.error);
    await expectNoKeyStored(db);
  });
});
