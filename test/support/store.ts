/** A results store in memory with one run in it, for tests of what reads or writes a run's rows. */
import type { NewRun } from "../../src/store/runs.js";
import { Store } from "../../src/store/store.js";

/** The run `storeWithRun` makes: `r1`, task `t`, scorer exec, config hash `h`. */
export const RUN: NewRun = {
  id: "r1",
  task: "t",
  task_file: "t.json",
  proposer: "p",
  target: "t",
  scorer: "exec",
  selector: "multistage",
  seed: 0,
  config: "{}",
  config_hash: "h",
};

/** A fresh Store (in memory, or at `file`) holding run `r1` (see RUN), with `over` replacing any field. */
export function storeWithRun(over: Partial<NewRun> = {}, file = ":memory:"): Store {
  const store = new Store(file);
  store.createRun({ ...RUN, ...over });
  return store;
}
