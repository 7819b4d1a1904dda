import { hostname } from "node:os";
import { describe, expect, it } from "vitest";
import { UsageError } from "../../src/errors.js";
import { HEARTBEAT_MS, STALE_MS } from "../../src/store/owner.js";
import type { NewRun } from "../../src/store/runs.js";
import { Store } from "../../src/store/store.js";
import { claimSuite, createSuite, findSuite, listSuites, resumeOrCreateSuite } from "../../src/store/suites.js";
import { RUN, storeWithRun } from "../support/store.js";

/** A second run with the same settings as `r1` (config hash `h`), as the same command started again would make. */
const again: NewRun = { ...RUN, id: "r2" };

describe("a run being run by another live process", () => {
  it("is neither continued nor started a second time, nor taken by `ape resume`; once that process is gone it is continued", () => {
    const store = storeWithRun();
    // The parent process (the test runner) is alive and is not this process.
    store.query("UPDATE runs SET owner = ? WHERE id = 'r1' RETURNING id", `${hostname()}:${process.ppid}`);
    expect(() => store.resumeOrCreate(again)).toThrow(UsageError);
    expect(() => store.resumeOrCreate(again)).toThrow(
      new RegExp(`run r1 is being run right now by process ${hostname()}:${process.ppid}.*kill -INT ${process.ppid}.*runId "r1"`),
    );
    expect(() => store.claimRun("r1")).toThrow(/being run right now/);
    expect(store.listRuns().map((r) => r.id)).toEqual(["r1"]);

    // A crashed owner (no such process) leaves the run free to continue.
    store.query("UPDATE runs SET owner = ? WHERE id = 'r1' RETURNING id", `${hostname()}:2147483646`);
    expect(store.resumeOrCreate(again)?.id).toBe("r1");
    expect(store.getRun("r1").owner).toBe(`${hostname()}:${process.pid}`);
    expect(store.listRuns().map((r) => r.id)).toEqual(["r1"]);
    store.close();
  });

  it("whose PID now belongs to another program is taken over once the run has gone quiet", () => {
    const store = storeWithRun();
    const quiet = new Date(Date.now() - STALE_MS - 1000).toISOString();
    // After a crash, the owner's PID went to another (live) process: here, the test runner.
    store.query("UPDATE runs SET owner = ?, updated_at = ? WHERE id = 'r1' RETURNING id", `${hostname()}:${process.ppid}`, quiet);
    expect(store.resumeOrCreate(again)?.id).toBe("r1");
    expect(store.getRun("r1").owner).toBe(`${hostname()}:${process.pid}`);
    store.query("UPDATE runs SET owner = ?, updated_at = ? WHERE id = 'r1' RETURNING id", `${hostname()}:${process.ppid}`, quiet);
    store.claimRun("r1");
    expect(store.getRun("r1").owner).toBe(`${hostname()}:${process.pid}`);
    store.close();
  });

  it("on another host, lives while it touches its run, and is taken over once it has gone quiet", () => {
    const store = storeWithRun();
    const quiet = new Date(Date.now() - STALE_MS - 1000).toISOString();
    store.query("UPDATE runs SET owner = 'another-host:42', updated_at = ? WHERE id = 'r1' RETURNING id", new Date().toISOString());
    expect(() => store.resumeOrCreate(again)).toThrow(/another-host:42/);
    expect(() => store.claimRun("r1")).toThrow(/another-host:42/);
    store.query("UPDATE runs SET updated_at = ? WHERE id = 'r1' RETURNING id", quiet);
    expect(store.resumeOrCreate(again)?.id).toBe("r1");
    expect(store.getRun("r1").owner).toBe(`${hostname()}:${process.pid}`);
    // A live search touches its run well within that time.
    expect(HEARTBEAT_MS * 3).toBeLessThan(STALE_MS);
    store.close();
  });

  it("with no unfinished run of these settings, the same command starts a new run, owned by this process", () => {
    const store = storeWithRun();
    store.setRunStatus("r1", "done");
    expect(store.resumeOrCreate(again)).toBeUndefined();
    expect(store.getRun("r2")).toMatchObject({ status: "running", owner: `${hostname()}:${process.pid}` });
    store.close();
  });
});

describe("a suite being run by another live process", () => {
  /** The same suite command started again: a suite with the settings of `s1` (config hash `sh`). */
  const again = { id: "s2", tasks: 2, config: "{}", config_hash: "sh" };

  it("is refused by the same command as a run is (naming the suite, its process, how to stop it and continue it) until that process is gone", () => {
    const store = new Store(":memory:");
    createSuite(store, { ...again, id: "s1" });
    const owner = `${hostname()}:${process.ppid}`;
    store.execute("UPDATE suites SET owner = ? WHERE id = 's1'", owner);
    expect(() => resumeOrCreateSuite(store, again)).toThrow(
      new RegExp(`suite s1 is being run right now by process ${owner}.*kill -INT ${process.ppid}.*suiteId "s1".*--fresh. starts a separate suite`),
    );
    expect(() => claimSuite(store, "s1")).toThrow(new RegExp(`suite s1 is being run right now by process ${owner}.*kill -INT ${process.ppid}`));
    expect(listSuites(store).map((s) => s.id)).toEqual(["s1"]);

    store.execute("UPDATE suites SET owner = ? WHERE id = 's1'", `${hostname()}:2147483646`);
    expect(resumeOrCreateSuite(store, again)?.id).toBe("s1");
    expect(findSuite(store, "s1")?.owner).toBe(`${hostname()}:${process.pid}`);
    expect(listSuites(store).map((s) => s.id)).toEqual(["s1"]);
    store.close();
  });

  it("whose process cannot be asked (another host, or a PID now another program's) is taken over once the suite has gone quiet", () => {
    const store = new Store(":memory:");
    createSuite(store, { ...again, id: "s1" });
    const quiet = new Date(Date.now() - STALE_MS - 1000).toISOString();
    for (const owner of ["another-host:42", `${hostname()}:${process.ppid}`]) {
      store.execute("UPDATE suites SET status = 'running', owner = ?, updated_at = ? WHERE id = 's1'", owner, new Date().toISOString());
      expect(() => claimSuite(store, "s1")).toThrow(new RegExp(`process ${owner}`));
      store.execute("UPDATE suites SET updated_at = ? WHERE id = 's1'", quiet);
      claimSuite(store, "s1");
      expect(findSuite(store, "s1")).toMatchObject({ status: "running", owner: `${hostname()}:${process.pid}` });
    }
    store.close();
  });

  it("with no unfinished suite of these settings, the same command starts a new one, owned by this process", () => {
    const store = new Store(":memory:");
    createSuite(store, { ...again, id: "s1" });
    store.execute("UPDATE suites SET status = 'done' WHERE id = 's1'");
    expect(resumeOrCreateSuite(store, again)).toBeUndefined();
    expect(findSuite(store, "s2")).toMatchObject({ status: "running", owner: `${hostname()}:${process.pid}` });
    store.close();
  });
});
