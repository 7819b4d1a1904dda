import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { search } from "../../src/index.js";
import type { SearchEvent } from "../../src/index.js";
import { dedupeKey } from "../../src/propose/proposal.js";
import { Store } from "../../src/store/store.js";
import { BEST } from "../support/sim/fixture.js";
import { simServers } from "../support/sim/per-test.js";
import { writeWorldTask } from "../support/task-fixture.js";
import { tempDir } from "../support/temp.js";

const sims = simServers();

describe("search() as a library call", () => {
  it("finds the instruction the simulated model rewards and stores the whole run", async () => {
    const server = await sims.world();
    const dir = tempDir();
    const db = join(dir, "ape.db");
    const events: SearchEvent[] = [];
    const result = await search({
      task: writeWorldTask(dir),
      model: "vllm:sim-model",
      baseUrls: [server.url],
      db,
      candidates: 12,
      selector: "exhaustive",
      seed: 3,
      onEvent: (e) => events.push(e),
    });
    expect(result.status).toBe("done");
    expect(dedupeKey(result.winner?.text ?? "")).toBe(dedupeKey(BEST));
    expect(result.winner?.testScore).toBeGreaterThan(0.8);
    expect(result.references[0]?.testCount).toBe(40);
    expect(result.candidates.length).toBeGreaterThan(3);
    expect(events[0]?.type).toBe("start");
    expect(events.at(-1)?.type).toBe("done");
    expect(events.some((e) => e.type === "call")).toBe(true);
    // Proposer and target are one model here: the server is probed once, not once per role.
    expect(server.stats.requests["GET /v1/models"]).toBe(1);

    const store = new Store(db);
    const [run] = store.query<{ status: string; evaluations: number; calls: number }>("SELECT status, evaluations, calls FROM runs");
    expect(run?.status).toBe("done");
    expect(run?.evaluations).toBeGreaterThan(0);
    const evals = store.query<{ n: number }>("SELECT count(*) AS n FROM evaluations WHERE split = 'eval'")[0]?.n;
    expect(evals).toBe(result.candidates.length * 40);
    store.close();
  });

  it("stops with CancelledError when its AbortSignal fires, and the run is marked cancelled", async () => {
    const server = await sims.world({ faults: { latencyMs: 30 } });
    const dir = tempDir();
    const controller = new AbortController();
    const promise = search({
      task: writeWorldTask(dir),
      model: "vllm:sim-model",
      baseUrls: [server.url],
      db: join(dir, "ape.db"),
      signal: controller.signal,
      onEvent: (e) => {
        if (e.type === "selection") controller.abort();
      },
    });
    await expect(promise).rejects.toMatchObject({ name: "CancelledError", exitCode: 130 });
    const store = new Store(join(dir, "ape.db"));
    expect(store.listRuns()[0]?.status).toBe("cancelled");
    store.close();
  });
});
