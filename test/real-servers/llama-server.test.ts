/**
 * ape against the real llama.cpp `llama-server` (build 10587, ../shared/servers/llama-server), with
 * tiny random-weight GGUFs: one with FIM tokens and a ChatML template, one without. Random weights
 * give garbage text full of control characters, so these tests look at shapes, paths and counts,
 * never at words. Skipped, with the reason in one line, where the binary cannot run.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { join } from "node:path";
import { OpenAIBackend } from "../../src/model/openai/backend.js";
import { parseSpec } from "../../src/model/spec.js";
import { ape } from "../support/cli.js";
import { rawControls } from "../support/control-chars.js";
import { startFaultProxy, type FaultProxy } from "../support/fault-proxy.js";
import { readDb } from "../support/db.js";
import { tinyFullModelFile, tinyModelFile } from "../support/gguf/tiny-model-file.js";
import { llamaServerBinary, startLlamaServer, type LlamaServer } from "../support/llama-server.js";
import { tempDir } from "../support/temp.js";
import { probeRow, tableRow, TABLE_SERVERS } from "../support/probe-table.js";

const TASK = join(import.meta.dirname, "../../tasks/antonyms.json");
/** A small search: a few candidates, a short selection. The model name is one the server does not list. */
const SMALL = [
  "--task",
  TASK,
  "--model",
  "llamacpp:tiny-unlisted",
  "--candidates",
  "6",
  "--subsets",
  "2",
  "--demos",
  "2",
  "--eval-budget",
  "60",
  "--progress",
  "plain",
];

const binary = llamaServerBinary();
if (!binary.ok) console.warn(`real llama-server tests skipped: ${binary.why}`);

describe.skipIf(!binary.ok)("against a real llama-server", () => {
  let fim: LlamaServer;
  let plain: LlamaServer;
  let proxy: FaultProxy;
  const dir = tempDir("ape-llama-");
  const execDb = join(dir, "exec.db");

  beforeAll(async () => {
    if (!binary.ok) return;
    const [fimModel, plainModel] = await Promise.all([tinyFullModelFile({ asciiBytes: true }), tinyModelFile({ asciiBytes: true })]);
    [fim, plain] = await Promise.all([startLlamaServer(binary.path, fimModel), startLlamaServer(binary.path, plainModel)]);
    proxy = await startFaultProxy(new URL(fim.url).origin);
  }, 120_000);

  afterAll(async () => {
    await Promise.all([proxy?.close(), fim?.close(), plain?.close()]);
  });

  it("the probe reads this build by evidence: echo and suffix ignored, lists and n used, /infill and FIM only with the tokens", async () => {
    const withFim = new OpenAIBackend(parseSpec("llamacpp:tiny-unlisted", [fim.url]));
    const without = new OpenAIBackend(parseSpec("vllm:any-name", [plain.url]));
    try {
      const [a, b] = await Promise.all([withFim.probe(), without.probe()]);
      for (const caps of [a, b]) {
        expect(caps).toMatchObject({ completions: true, chat: true, promptLogprobs: false, multipleSamples: true, maxPromptsPerRequest: 16 });
        expect(caps.evidence.suffix).toMatch(/ignored/);
        expect(caps.evidence.promptLogprobs).toMatch(/ignored/);
        expect(caps.notices.join("\n")).toMatch(/does not list model/);
      }
      expect(a.fill).toEqual(["infill", "fim", "chat"]);
      expect(a.fimTokens?.prefix).toBe("<|fim_prefix|>");
      expect(b.fill).toEqual(["chat"]);
      expect(b.evidence.infill).toMatch(/501/);
      // The README's rows for llama.cpp come from the simulated family: the real server must give the same (token counts aside).
      const digitless = (row: string): string => row.replace(/\d+/g, "#");
      for (const [caps, fimTokens] of [
        [a, true],
        [b, false],
      ] as const) {
        const sim = TABLE_SERVERS.find((t) => t.sim.family === "llamacpp" && (t.sim.fim === true) === fimTokens);
        if (!sim) throw new Error("the README table has no current llama.cpp row");
        expect(digitless(tableRow(sim.name, caps))).toBe(digitless(await probeRow(sim)));
      }
    } finally {
      await Promise.all([withFim.close(), without.close()]);
    }
  }, 60_000);

  it("ape search --scorer exec runs to done under an unlisted model name, sending lists: fewer requests than evaluations", async () => {
    const before = proxy.requests.length;
    const run = await ape(["search", ...SMALL, "--base-url", proxy.url, "--db", execDb, "--seed", "3"]);
    expect(run.stderr).toMatch(/does not list model "tiny-unlisted"/);
    expect(run.code, run.stderr).toBe(0);
    const [row] = readDb<{ status: string; evaluations: number }>(execDb, "SELECT status, evaluations FROM runs");
    expect(row?.status).toBe("done");
    const completions = proxy.requests.slice(before).filter((r) => r.path === "/v1/completions");
    const lists = completions.filter((r) => typeof r.body === "object" && r.body !== null && "prompt" in r.body && Array.isArray(r.body.prompt));
    expect(lists.length).toBeGreaterThan(0);
    expect(completions.length).toBeLessThan(row?.evaluations ?? 0);
  }, 180_000);

  it("ape show prints no raw control character, though the stored outputs are full of them", async () => {
    const raw = readDb<{ text: string }>(execDb, "SELECT output AS text FROM evaluations WHERE output IS NOT NULL UNION ALL SELECT text FROM candidates");
    expect(raw.some((r) => rawControls(r.text).length > 0)).toBe(true);
    const [run] = readDb<{ id: string; best: string }>(execDb, "SELECT id, best_candidate_id AS best FROM runs");
    for (const args of [["show", run?.id ?? ""], ["show", run?.id ?? "", "--candidate", run?.best ?? ""], ["runs"]]) {
      const shown = await ape([...args, "--db", execDb]);
      expect(shown.code, shown.stderr).toBe(0);
      expect(rawControls(shown.stdout)).toEqual([]);
      expect(rawControls(shown.stderr)).toEqual([]);
    }
  }, 60_000);

  it("--scorer logprob stops with exit 4 and the probe's evidence before any paid work", async () => {
    const db = join(dir, "logprob.db");
    const run = await ape(["search", ...SMALL, "--base-url", plain.url, "--db", db, "--scorer", "logprob"]);
    expect(run.code).toBe(4);
    expect(run.stderr).toMatch(/--scorer logprob needs exact prompt log-probs.*echo answered 200 without the prompt's log-probs/);
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(readDb<{ n: number }>(db, "SELECT COUNT(*) AS n FROM calls")[0]?.n).toBe(0);
  }, 60_000);

  it("--mode reverse fills by /infill with the FIM model, carrying stop and the token limit, and never sends suffix", async () => {
    const db = join(dir, "reverse.db");
    const before = proxy.requests.length;
    const run = await ape(["search", ...SMALL, "--base-url", proxy.url, "--db", db, "--mode", "reverse"]);
    expect(run.code, run.stderr).toBe(0);
    const paths = readDb<{ fill_path: string | null }>(db, "SELECT DISTINCT fill_path FROM candidates WHERE origin = 'reverse'");
    expect(paths).toEqual([{ fill_path: "infill" }]);
    const sent = proxy.requests.slice(before);
    const infills = sent.filter((r) => r.path === "/infill" && typeof r.body === "object" && r.body !== null && "stop" in r.body);
    expect(infills.length).toBeGreaterThan(0);
    for (const r of infills) expect(r.body).toMatchObject({ n_predict: expect.any(Number), stop: expect.any(Array) });
    // The probe asks once whether suffix is used (it is not); no fill ever sends it.
    const suffixed = sent.filter((r) => typeof r.body === "object" && r.body !== null && "suffix" in r.body);
    expect(suffixed.length).toBeLessThanOrEqual(1);
    for (const r of suffixed) expect(r.body).toMatchObject({ max_tokens: 1 });
  }, 180_000);

  it("a prompt longer than the server's context stops with exit 4, saying what to do, and keeps the run", async () => {
    // Each of the 4 slots has 512 tokens, one per byte with these models: word_in_context's proposal prompt is longer.
    const db = join(dir, "context.db");
    const task = join(import.meta.dirname, "../../tasks/word_in_context.json");
    const run = await ape([
      "search",
      "--task",
      task,
      "--model",
      "llamacpp:tiny",
      "--base-url",
      plain.url,
      "--db",
      db,
      "--candidates",
      "4",
      "--progress",
      "none",
    ]);
    expect(run.code).toBe(4);
    expect(run.stderr).toMatch(
      /a prompt does not fit the model's context \(the server answered 400: request \(\d+ tokens\) exceeds the available context size \(512 tokens\)/,
    );
    expect(run.stderr).toContain("Show fewer demos (--demos: a new run)");
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(readDb<{ status: string }>(db, "SELECT status FROM runs")).toEqual([{ status: "failed" }]);
  }, 60_000);

  it("two servers as replicas (--base-url twice) both take scoring requests, and the search runs to done", async () => {
    if (!binary.ok) return;
    const second = await startLlamaServer(binary.path, await tinyFullModelFile({ asciiBytes: true }));
    const [a, b] = await Promise.all([startFaultProxy(new URL(fim.url).origin), startFaultProxy(new URL(second.url).origin)]);
    try {
      const db = join(dir, "replicas.db");
      const run = await ape(["search", ...SMALL, "--base-url", a.url, "--base-url", b.url, "--db", db, "--batch", "1"]);
      expect(run.code, run.stderr).toBe(0);
      expect(readDb<{ status: string }>(db, "SELECT status FROM runs")).toEqual([{ status: "done" }]);
      const scored = (p: FaultProxy): number => p.requests.filter((r) => r.path === "/v1/completions").length;
      expect(scored(a)).toBeGreaterThan(5);
      expect(scored(b)).toBeGreaterThan(5);
    } finally {
      await Promise.all([a.close(), b.close(), second.close()]);
    }
  }, 180_000);

  it("ape estimate runs against it", async () => {
    const run = await ape(["estimate", ...SMALL.filter((a) => a !== "--progress" && a !== "plain"), "--base-url", fim.url]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/total/);
  }, 60_000);
});
