import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import { CancelledError, UsageError } from "../../src/errors.js";
import { estimateSuite, suite } from "../../src/index.js";
import type { SuiteEvent } from "../../src/suite/events.js";
import { captured } from "../support/cli.js";
import { readDb } from "../support/db.js";
import { simServers } from "../support/sim/per-test.js";
import { tempDir } from "../support/temp.js";
import { suiteArgs, writeSuiteTasks } from "./support.js";

const sims = simServers();

describe("ape suite: bad input", () => {
  it("names an empty folder, a task that lacks the protocol asked for and a task named twice; exit 2, nothing run", async () => {
    const dir = tempDir();
    mkdirSync(join(dir, "empty"));
    const empty = captured();
    expect(await main(["suite", "--tasks", join(dir, "empty"), "--db", join(dir, "a.db")], empty)).toBe(2);
    expect(empty.err()).toContain(`no task files (*.json, *.jsonl) in ${join(dir, "empty")}`);

    const tasks = writeSuiteTasks(dir);
    const paper = captured();
    expect(await main(["suite", "--tasks", tasks, "--protocol", "ape-paper", "--db", join(dir, "b.db")], paper)).toBe(2);
    expect(paper.err()).toMatch(/--protocol ape-paper: task .*opposites-a\.json does not declare "protocol": "ape-paper".*ape import ape/);

    const twice = captured();
    expect(await main(["suite", "--tasks", tasks, join(tasks, "opposites-a.json"), "--db", join(dir, "c.db")], twice)).toBe(2);
    expect(twice.err()).toMatch(/opposites-a\.json is named twice/);

    await expect(suite({ tasks: [], db: ":memory:" })).rejects.toThrow(UsageError);
    await expect(suite({ tasks: [tasks], parallel: 0, db: ":memory:" })).rejects.toThrow(/parallel must be an integer ≥ 1/);
  });
});

describe("ape suite: a spent budget", () => {
  it("stops with exit 5 naming the suite, and the same command with a larger budget finishes it, no task run twice", async () => {
    const server = await sims.world({ faults: { latencyMs: 5 } });
    const dir = tempDir();
    const db = join(dir, "ape.db");
    const tasks = writeSuiteTasks(dir);
    // In-process: the CLI's code path without the child process, which lingers on open sockets after a budget stop.
    const stopped = captured();
    expect(await main([...suiteArgs(tasks, server.url, db, 4, 2), "--max-calls", "120"], stopped)).toBe(5);
    const [row] = readDb<{ id: string; status: string }>(db, "SELECT id, status FROM suites");
    expect(row?.status).toBe("budget");
    expect(stopped.err()).toContain(
      `suite ${row?.id} stopped: the call budget (--max-calls 120) is spent. Continue it with \`ape resume ${row?.id} --db ${db}\``,
    );
    const paid = readDb<{ n: number }>(db, "SELECT count(*) AS n FROM calls WHERE cached = 0 AND error IS NULL")[0]?.n ?? 0;
    expect(paid).toBeLessThanOrEqual(120);

    const finished = captured();
    expect(await main([...suiteArgs(tasks, server.url, db, 4, 2), "--max-calls", "100000", "--json"], finished), finished.err()).toBe(0);
    expect(JSON.parse(finished.out())).toMatchObject({ suiteId: row?.id, status: "done" });
    expect(readDb<{ n: number }>(db, "SELECT count(*) AS n FROM runs")[0]?.n).toBe(3);
    expect(readDb<{ n: number }>(db, "SELECT count(*) AS n FROM suites")[0]?.n).toBe(1);
  });

  it("reports the suite's progress through the library's events: every task starts and ends, counts add up", async () => {
    const server = await sims.world();
    const dir = tempDir();
    const events: SuiteEvent[] = [];
    const options = {
      tasks: [writeSuiteTasks(dir)],
      model: "vllm:sim-model",
      baseUrls: [server.url],
      candidates: 6,
      batch: 4,
      parallel: 2,
      db: join(dir, "ape.db"),
    };
    const result = await suite({ ...options, onEvent: (e) => events.push(e) });
    expect(events[0]).toMatchObject({ type: "suite-start", suiteId: result.suiteId, tasks: 3, resumed: false, estimate: await estimateSuite(options) });
    expect(events.filter((e) => e.type === "task-end").map((e) => e.type === "task-end" && e.status)).toEqual(["done", "done", "done"]);
    const counts = events.flatMap((e) => (e.type === "suite-progress" ? [e.counts] : []));
    expect(Math.max(...counts.map((c) => c.running))).toBe(2);
    expect(counts.at(-1)).toMatchObject({ done: 3, running: 0, left: 0, stopped: 0 });
    expect(counts.at(-1)?.totals.calls).toBe(result.totals.calls);
    expect(events.at(-1)).toEqual({ type: "suite-done", result });
  });
});

describe("suite(): cancelled through its signal", () => {
  it("stops every task, stores the suite as cancelled, and the same call again finishes it without redoing the finished task", async () => {
    const server = await sims.world({ faults: { latencyMs: 5 } });
    const dir = tempDir();
    const options = {
      tasks: [writeSuiteTasks(dir)],
      model: "vllm:sim-model",
      baseUrls: [server.url],
      candidates: 6,
      batch: 1,
      concurrency: 4,
      parallel: 2,
      db: join(dir, "ape.db"),
    };
    const controller = new AbortController();
    const ended: string[] = [];
    const stopped = suite({
      ...options,
      signal: controller.signal,
      onEvent: (e) => {
        if (e.type !== "task-end") return;
        ended.push(`${e.task} ${e.status}`);
        if (e.status === "done") controller.abort();
      },
    });
    await expect(stopped).rejects.toThrow(CancelledError);
    await expect(stopped).rejects.toThrow(/suite \w+ cancelled; continue it with `suite\(\)` with the same options and suiteId "\w+"/);
    const first = ended.find((e) => e.endsWith(" done"))?.split(" ")[0];
    expect(ended.filter((e) => e.endsWith(" cancelled"))).toHaveLength(1);
    expect(readDb<{ status: string }>(join(dir, "ape.db"), "SELECT status FROM suites")).toEqual([{ status: "cancelled" }]);
    const doneRun = readDb<{ id: string; calls: number }>(join(dir, "ape.db"), "SELECT id, calls FROM runs WHERE status = 'done'");

    const events: SuiteEvent[] = [];
    const result = await suite({ ...options, onEvent: (e) => events.push(e) });
    expect(result.status).toBe("done");
    expect(events[0]).toMatchObject({ type: "suite-start", resumed: true, counts: { done: 1 } });
    const again = result.tasks.find((t) => t.task === first);
    expect(again?.runId).toBe(doneRun[0]?.id);
    expect(again?.calls).toBe(doneRun[0]?.calls);
    expect(readDb<{ n: number }>(join(dir, "ape.db"), "SELECT count(*) AS n FROM runs")[0]?.n).toBe(3);
  });
});
