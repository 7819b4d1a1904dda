import { hostname } from "node:os";
import { describe, expect, it } from "vitest";
import { UsageError } from "../../src/errors.js";
import { Store } from "../../src/store/store.js";

function storeWithRun(): Store {
  const store = new Store(":memory:");
  store.createRun({ id: "r1", task: "t", task_file: "t.json", proposer: "p", target: "t", scorer: "exec", selector: "multistage", seed: 0, config: "{}", config_hash: "h" });
  return store;
}

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
});
