/**
 * Text from models, task files and servers reaches the terminal with its control characters shown
 * escaped (`\u001b`, `\r`, `\u202e`), while JSON output and `ape export` keep the exact text. Every
 * command here is the real, built binary (`npm run build` first; `npm test` does).
 */
import { writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSimServer, type SimServer } from "../support/sim/index.js";
import { ape, type CliRun, searchArgs } from "../support/cli.js";
import { readDb } from "../support/db.js";
import { tempDir } from "../support/temp.js";

/** What a hostile model or task file might send: each class of control character once. */
const INJECTED = ["\u0000", "\u0007", "\u001b", "\r", "\u007f", "\u009b", "\u202e"];
const TASK_NAME = "opposites\u001b]0;pwned\u0007\u202e";
const SHOWN_TASK_NAME = String.raw`opposites\u001b]0;pwned\u0007\u202e`;
const BEST = "Give the antonym\u001b[2J, the opposite\u0000\u007f\u009b\u202e.";
const SHOWN_BEST = String.raw`Give the antonym\u001b[2J, the opposite\u0000\u007f\u009b\u202e.`;
const PROPOSALS = [BEST, "Say the opposite\u001b[31m word.", "Repeat the word\u009b2K.", "Write a rhyme\u202e."];
const input = (i: number): string => `word${i}\u001b[7m`;
const answer = (i: number): string => `opposite-${i}\r\u001b[1A\u0000\u009b`;

/** The injected characters found raw in `text`, as code points (empty when it is safe to print). */
function rawControls(text: string): string[] {
  return [...new Set([...text].filter((c) => INJECTED.includes(c)))].map((c) => `U+${(c.codePointAt(0) ?? 0).toString(16).padStart(4, "0")}`);
}

let sim: SimServer;
let dir: string;
let task: string;
let plainDb: string;
let plain: CliRun;
let json: CliRun;
let runId: string;

beforeAll(async () => {
  sim = await startSimServer({
    world: { answers: (text) => answer(Number(/word(\d+)/.exec(text)?.[1] ?? -1)), keywords: ["antonym", "opposite"], proposals: PROPOSALS },
    seed: 3,
  });
  dir = tempDir("ape-terminal-");
  task = join(dir, "opposites.json");
  const examples = Array.from({ length: 24 }, (_, i) => ({ id: String(i), input: input(i), output: answer(i) }));
  writeFileSync(task, JSON.stringify({ name: TASK_NAME, metric: "exact_match", references: ["Write the opposite\u001b[0m of the word."], examples }));
  plainDb = join(dir, "plain.db");
  const args = searchArgs(task, sim.url, ["--candidates", "4", "--subsets", "1", "--rounds", "0", "--seed", "1"]);
  [plain, json] = await Promise.all([
    ape([...args, "--db", plainDb, "--progress", "plain"]),
    ape([...args, "--db", join(dir, "json.db"), "--json", "--progress", "json"]),
  ]);
  if (plain.code !== 0) throw new Error(`search failed (${plain.code}): ${plain.stderr}`);
  if (json.code !== 0) throw new Error(`search --json failed (${json.code}): ${json.stderr}`);
  runId = readDb<{ id: string }>(plainDb, "SELECT id FROM runs")[0]?.id ?? "";
});
afterAll(() => sim.close());

describe("what ape prints to a terminal shows control characters escaped", () => {
  it("ape search: the leaderboard on stdout and the plain progress lines on stderr", () => {
    expect(rawControls(plain.stdout)).toEqual([]);
    expect(rawControls(plain.stderr)).toEqual([]);
    expect(plain.stdout).toContain(SHOWN_BEST);
    expect(plain.stdout).toContain(String.raw`Write the opposite\u001b[0m of the word.`);
    expect(plain.stdout).toContain(`: ${SHOWN_TASK_NAME}, vllm:sim-model scored by`);
    expect(plain.stderr).toContain(`run ${runId}: ${SHOWN_TASK_NAME}\n`);
  });

  it("ape show RUN: the headline and the leaderboard, its columns still aligned", async () => {
    const r = await ape(["show", runId, "--db", plainDb]);
    expect(r.code).toBe(0);
    expect(rawControls(r.stdout)).toEqual([]);
    expect(r.stdout).toContain(`task ${SHOWN_TASK_NAME} from ${task}`);
    const lines = r.stdout.split("\n");
    const header = lines.find((l) => l.startsWith("rank")) ?? "";
    const row = lines.find((l) => l.endsWith(SHOWN_BEST)) ?? "";
    expect(row.slice(header.indexOf("instruction"))).toBe(SHOWN_BEST);
  });

  it("ape show RUN --candidate ID: the text, the exact proposer prompt, inputs, expected outputs and outputs", async () => {
    const [winner] = readDb<{ id: number }>(plainDb, "SELECT id FROM candidates WHERE text = ?", BEST);
    const r = await ape(["show", runId, "--candidate", String(winner?.id), "--examples", "100", "--db", plainDb]);
    expect(r.code).toBe(0);
    expect(rawControls(r.stdout)).toEqual([]);
    expect(r.stdout).toContain(`    ${SHOWN_BEST}\n`);
    expect(r.stdout).toContain(String.raw`word3\u001b[7m`);
    expect(r.stdout).toContain(String.raw`opposite-3\r\u001b[1A\u0000\u009b`);
    expect(r.stdout).toMatch(/proposer prompt \(exact\):\n.*word\d+\\u001b\[7m/s);
  });

  it("ape runs: the task name in its column, the columns after it aligned", async () => {
    const r = await ape(["runs", "--db", plainDb]);
    expect(r.code).toBe(0);
    expect(rawControls(r.stdout)).toEqual([]);
    const [header = "", row = ""] = r.stdout.split("\n");
    expect(row).toContain(String.raw`opposites\u001b]0;pwned…`);
    expect(row.indexOf("vllm:sim-model")).toBe(header.indexOf("models"));
    expect(row.indexOf("done")).toBe(header.indexOf("status"));
  });

  it("ape tasks: a task file's name, in an aligned table", async () => {
    const r = await ape(["tasks", dir]);
    expect(r.code).toBe(0);
    expect(rawControls(r.stdout)).toEqual([]);
    const [header = "", row = ""] = r.stdout.split("\n");
    expect(row.startsWith(SHOWN_TASK_NAME)).toBe(true);
    expect(row.indexOf("exact_match")).toBe(header.indexOf("metric"));
  });

  it("ape tasks validate: a task file's problem, quoting the file's own text", async () => {
    const bad = join(tempDir("ape-terminal-bad-"), "metric.json");
    writeFileSync(bad, JSON.stringify({ name: "x", metric: "exact\u001b[2J\u202e", examples: [{ input: "a", output: "b" }] }));
    const r = await ape(["tasks", "validate", bad]);
    expect(r.code).toBe(2);
    expect(rawControls(r.stderr)).toEqual([]);
    expect(r.stderr).toContain(String.raw`unknown metric "exact\u001b[2J\u202e"`);
  });

  it("ape estimate: a model name given with control characters, in an aligned table", async () => {
    const r = await ape(["estimate", "--task", task, "--model", "vllm:sim\u001b[31mred\u202e"]);
    expect(r.code).toBe(0);
    expect(rawControls(r.stdout)).toEqual([]);
    const [header = "", proposer = ""] = r.stdout.split("\n");
    expect(proposer).toContain(String.raw`vllm:sim\u001b[31mred\u202e`);
    // The calls column is right-aligned: its numbers end where its header ends.
    const callsEnd = header.indexOf("calls") + "calls".length;
    expect(proposer.slice(0, callsEnd)).toMatch(/\\u202e\s+\d+$/);
    expect(proposer[callsEnd]).toBe(" ");
  });

  it("an error carrying a server's message: the message shown escaped on stderr (exit 4)", async () => {
    const hostile = createServer((_req, res) => {
      res.writeHead(401, { "content-type": "application/json" });
      res.end(JSON.stringify({ error: { message: "bad key\u001b[2J\u001b]0;owned\u0007\r\u009b\u202e", type: "invalid_request_error" } }));
    });
    await new Promise<void>((resolve) => hostile.listen(0, "127.0.0.1", resolve));
    try {
      const url = `http://127.0.0.1:${(hostile.address() as AddressInfo).port}/v1`;
      const r = await ape(searchArgs(task, url, ["--db", join(dir, "error.db"), "--progress", "plain"]));
      expect(r.code).toBe(4);
      expect(rawControls(r.stderr)).toEqual([]);
      expect(r.stderr).toContain(String.raw`bad key\u001b[2J\u001b]0;owned\u0007\r\u009b\u202e`);
    } finally {
      await close(hostile);
    }
  });
});

describe("JSON output and ape export keep the exact text", () => {
  it("ape search --json and --progress json: parsed, the texts are exact; printed, no DEL, C1 or bidi character is raw", () => {
    const doc = JSON.parse(json.stdout) as { task: string; candidates: { text: string }[] };
    expect(doc.task).toBe(TASK_NAME);
    expect(doc.candidates.map((c) => c.text)).toContain(BEST);
    const start = JSON.parse(json.stderr.split("\n")[0] ?? "") as { type: string; task: string };
    expect(start).toMatchObject({ type: "start", task: TASK_NAME });
    expect(rawControls(json.stdout)).toEqual([]);
    expect(rawControls(json.stderr)).toEqual([]);
  });

  it("ape show --json and --candidate --json: the stored text and outputs, exactly", async () => {
    const [winner] = readDb<{ id: number }>(plainDb, "SELECT id FROM candidates WHERE text = ?", BEST);
    const [run, candidate] = await Promise.all([
      ape(["show", runId, "--json", "--db", plainDb]),
      ape(["show", runId, "--candidate", String(winner?.id), "--json", "--db", plainDb]),
    ]);
    expect((JSON.parse(run.stdout) as { task: string; candidates: { text: string }[] }).candidates.map((c) => c.text)).toContain(BEST);
    const detail = JSON.parse(candidate.stdout) as { candidate: { text: string }; outcomes: { input: string; output: string; expected: string[] }[] };
    expect(detail.candidate.text).toBe(BEST);
    const three = detail.outcomes.find((o) => o.input === input(3));
    expect(three?.expected).toEqual([answer(3)]);
  });

  it("ape export: JSON Lines and CSV hold the exact text, control characters and all", async () => {
    const [jsonl, csv] = await Promise.all([
      ape(["export", runId, "--format", "jsonl", "--db", plainDb]),
      ape(["export", runId, "--what", "evaluations", "--format", "csv", "--db", plainDb]),
    ]);
    const texts = jsonl.stdout
      .trim()
      .split("\n")
      .map((l) => (JSON.parse(l) as { text: string }).text);
    expect(texts).toContain(BEST);
    const rows = parse(csv.stdout, { columns: true }) as { output: string }[];
    const stored = readDb<{ output: string }>(plainDb, "SELECT output FROM evaluations ORDER BY id");
    expect(rows.map((r) => r.output)).toEqual(stored.map((s) => s.output));
    expect(rows.map((r) => r.output)).toContain(answer(3));
  });
});

function close(server: Server): Promise<void> {
  return new Promise((resolve) => server.close(() => resolve()));
}
