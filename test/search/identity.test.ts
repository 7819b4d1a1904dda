/**
 * A run's identity holds each part's: a selector's settings, an injected model's spec. Against the
 * simulated vLLM server (test/support/sim).
 */
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import { BudgetError, createSelector, parseSpec } from "../../src/index.js";
import { MULTISTAGE_DEFAULTS } from "../../src/select/index.js";
import { OpenAIBackend } from "../../src/model/openai/backend.js";
import { captured } from "../support/cli.js";
import { readDb } from "../support/db.js";
import { simServers } from "../support/sim/per-test.js";
import { tempDir } from "../support/temp.js";
import { runSearch } from "./support.js";

const sims = simServers();

interface StoredRun {
  id: string;
  status: string;
  proposer: string;
  target: string;
  selector: string;
}

const hashes = (db: string): string[] => readDb<{ config_hash: string }>(db, "SELECT config_hash FROM runs ORDER BY rowid").map((r) => r.config_hash);
const runs = (db: string): StoredRun[] => readDb<StoredRun>(db, "SELECT id, status, proposer, target, selector FROM runs ORDER BY rowid");

describe("a run's identity", () => {
  it("holds the selector's settings: a stopped run is not continued with other ones, but is by ape resume with its own", async () => {
    const server = await sims.world();
    const db = join(tempDir(), "ape.db");
    const stop = { budget: { maxCalls: 4 } };
    await expect(runSearch(server, "vllm:sim-model", { selector: createSelector("multistage", { z: 1 }), ...stop }, db)).rejects.toBeInstanceOf(BudgetError);
    const [stopped] = runs(db);

    const other = await runSearch(server, "vllm:sim-model", { selector: createSelector("multistage", { z: 4 }) }, db);
    expect(other.result.runId).not.toBe(stopped?.id);
    expect(runs(db).find((r) => r.id === stopped?.id)?.status).toBe("budget");
    expect(new Set(hashes(db)).size).toBe(2);

    // ape resume rebuilds the selector with its settings from the stored config: the identity matches.
    const ctx = captured();
    expect(await main(["resume", stopped?.id ?? "", "--db", db, "--max-calls", "10000", "--progress", "none", "--json"], ctx)).toBe(0);
    expect(runs(db).find((r) => r.id === stopped?.id)?.status).toBe("done");
    expect(runs(db)).toHaveLength(2);
  });

  it("is the bare name for a selector at its defaults, however it is given", async () => {
    const server = await sims.world();
    const db = join(tempDir(), "ape.db");
    await runSearch(server, "vllm:sim-model", { selector: "multistage" }, db);
    await runSearch(server, "vllm:sim-model", { selector: createSelector("multistage", { z: MULTISTAGE_DEFAULTS.z }) }, db);
    await runSearch(server, "vllm:sim-model", { selector: createSelector("multistage", { z: 2 }) }, db);
    const [named, made, other] = hashes(db);
    expect(made).toBe(named);
    expect(other).not.toBe(named);
  });

  it("records an injected model's spec, not the default model's", async () => {
    const server = await sims.world();
    const db = join(tempDir(), "ape.db");
    const model = new OpenAIBackend(parseSpec("llamacpp:sim-model", [server.url]), { apiKey: "x" });
    const { result } = await runSearch(server, "vllm:sim-model", { model: undefined, baseUrls: undefined, models: { proposer: model, target: model } }, db);
    expect(result.status).toBe("done");
    expect(runs(db)[0]).toMatchObject({ proposer: "llamacpp:sim-model", target: "llamacpp:sim-model" });
  });
});
