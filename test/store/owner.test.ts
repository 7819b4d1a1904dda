import { hostname } from "node:os";
import { describe, expect, it } from "vitest";
import { UsageError } from "../../src/errors.js";
import { HEARTBEAT_MS, STALE_MS } from "../../src/store/owner.js";
import { storeWithRun } from "../support/store.js";

describe("a run being run by another live process", () => {
  it("is neither resumed automatically nor taken by `ape resume`; once that process is gone it can be", () => {
    const store = storeWithRun();
    // The parent process (the test runner) is alive and is not this process.
    store.query("UPDATE runs SET owner = ? WHERE id = 'r1' RETURNING id", `${hostname()}:${process.ppid}`);
    expect(store.findResumable("h")).toBeUndefined();
    expect(() => store.claimRun("r1")).toThrow(UsageError);
    expect(() => store.claimRun("r1")).toThrow(/being run right now/);

    // A crashed owner (no such process) leaves the run free to continue.
    store.query("UPDATE runs SET owner = ? WHERE id = 'r1' RETURNING id", `${hostname()}:2147483646`);
    expect(store.findResumable("h")?.id).toBe("r1");
    store.claimRun("r1");
    expect(store.getRun("r1").owner).toBe(`${hostname()}:${process.pid}`);
    store.close();
  });

  it("on another host, lives while it touches its run, and is taken over once it has gone quiet", () => {
    const store = storeWithRun();
    const quiet = new Date(Date.now() - STALE_MS - 1000).toISOString();
    store.query("UPDATE runs SET owner = 'another-host:42', updated_at = ? WHERE id = 'r1' RETURNING id", new Date().toISOString());
    expect(store.findResumable("h")).toBeUndefined();
    expect(() => store.claimRun("r1")).toThrow(/another-host:42/);
    store.query("UPDATE runs SET updated_at = ? WHERE id = 'r1' RETURNING id", quiet);
    expect(store.findResumable("h")?.id).toBe("r1");
    store.claimRun("r1");
    expect(store.getRun("r1").owner).toBe(`${hostname()}:${process.pid}`);
    // A live search touches its run well within that time.
    expect(HEARTBEAT_MS * 3).toBeLessThan(STALE_MS);
    store.close();
  });
});
