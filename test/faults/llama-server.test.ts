/**
 * The fault proxy in front of the real llama.cpp `llama-server` (a tiny random-weight GGUF with
 * ASCII byte tokens): cut answers are retried and never stored, and a deterministic 500 in the
 * server's own words stops after two tries. Skipped, with the reason in one line, where the
 * binary cannot run.
 */
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ape } from "../support/cli.js";
import { readDb } from "../support/db.js";
import { firstProposalFailsAlike, promptsOf, SAME_500_MESSAGE, startFaultProxy } from "../support/fault-proxy.js";
import { tinyModelFile } from "../support/gguf/tiny-model-file.js";
import { llamaServerBinary, startLlamaServer, type LlamaServer } from "../support/llama-server.js";
import { tempDir } from "../support/temp.js";

const TASK = join(import.meta.dirname, "../../tasks/antonyms.json");
const SMALL = ["--task", TASK, "--model", "llamacpp:tiny", "--candidates", "6", "--subsets", "3", "--demos", "2", "--eval-budget", "40", "--progress", "none"];

const binary = llamaServerBinary();
if (!binary.ok) console.warn(`fault tests against the real llama-server skipped: ${binary.why}`);

describe.skipIf(!binary.ok)("the fault proxy in front of a real llama-server", () => {
  let server: LlamaServer;
  const dir = tempDir("ape-llama-faults-");

  beforeAll(async () => {
    if (!binary.ok) return;
    server = await startLlamaServer(binary.path, await tinyModelFile({ asciiBytes: true }));
  }, 120_000);

  afterAll(async () => {
    await server?.close();
  });

  it("answers cut short (no choices, one fewer, no text) and 5xx/429/drops are retried: the run is done and no cut answer is stored", async () => {
    const proxy = await startFaultProxy(new URL(server.url).origin, {
      at: { 1: "empty-choices", 2: "short-choices", 3: "missing-text" },
      rate: 0.3,
      seed: 11,
      kinds: ["empty-choices", "short-choices", "missing-text", "503", "429", "drop"],
      retryAfterSeconds: 0,
    });
    try {
      const db = join(dir, "cut.db");
      const run = await ape(["search", ...SMALL, "--base-url", proxy.url, "--db", db, "--seed", "2"]);
      expect(run.code, run.stderr).toBe(0);
      expect(readDb<{ status: string }>(db, "SELECT status FROM runs")[0]?.status).toBe("done");
      const cuts = proxy.requests.filter((r) => r.fault === "empty-choices" || r.fault === "short-choices" || r.fault === "missing-text");
      expect(cuts.length).toBeGreaterThanOrEqual(3);
      const prompts = cuts.reduce((n, r) => n + promptsOf(r.body), 0);
      const refused = readDb<{ n: number }>(db, "SELECT count(*) AS n FROM calls WHERE error LIKE '%not whole%' OR error LIKE '%no readable choices%'")[0]?.n;
      expect(refused).toBe(prompts);
      // What is stored has one text per sample asked.
      const stored = readDb<{ request: string; response: string }>(db, "SELECT request, response FROM calls WHERE response IS NOT NULL AND kind = 'generate'");
      for (const row of stored) {
        const asked = (JSON.parse(row.request) as { n: number }).n;
        expect((JSON.parse(row.response) as { texts: string[] }).texts).toHaveLength(asked);
      }
    } finally {
      await proxy.close();
    }
  }, 180_000);

  it("a 500 in the server's own words, the same on the same request, is tried twice, then exit 4 says what to do", async () => {
    const failing = firstProposalFailsAlike();
    const proxy = await startFaultProxy(new URL(server.url).origin, { same500: failing.same500 });
    try {
      const db = join(dir, "same.db");
      const run = await ape(["search", ...SMALL, "--base-url", proxy.url, "--db", db]);
      expect(run.code, run.stderr).toBe(4);
      expect(failing.tries(proxy)).toBe(2);
      expect(run.stderr).toContain(`500: "${SAME_500_MESSAGE}"`);
      expect(run.stderr).toContain(proxy.url);
      expect(run.stderr).not.toMatch(/\n\s+at /);
    } finally {
      await proxy.close();
    }
  }, 120_000);
});
