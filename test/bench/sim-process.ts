/** A simulated server in a child process (see sim-child.ts), with its counters over IPC. */
import { fork, type ChildProcess } from "node:child_process";
import { join } from "node:path";
import type { FaultConfig, SimStats } from "../support/sim/index.js";

/** The counters a benchmark reads back. */
export type ChildStats = Pick<SimStats, "requests" | "prompts" | "inFlight" | "maxInFlight" | "promptTokens" | "completionTokens" | "log"> & {
  /** CPU time the server process has used, in microseconds. */
  readonly cpuMicros: number;
};

/** A server in another process. */
export interface SimProcess {
  readonly url: string;
  stats(): Promise<ChildStats>;
  reset(): Promise<void>;
  close(): Promise<void>;
}

/** Start one server process with these faults (latency), most prompts per request and, if given, only `distinctProposals` proposals (`smallPoolWorld`). */
export async function startSimProcess(faults: FaultConfig = {}, maxPromptsPerRequest = 64, distinctProposals?: number): Promise<SimProcess> {
  const child: ChildProcess = fork(join(import.meta.dirname, "sim-child.ts"), [], {
    execArgv: ["--import", "tsx"],
    env: {
      ...process.env,
      APE_SIM_FAULTS: JSON.stringify(faults),
      APE_SIM_MAX_PROMPTS: String(maxPromptsPerRequest),
      ...(distinctProposals === undefined ? {} : { APE_SIM_DISTINCT: String(distinctProposals) }),
    },
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  let next = 0;
  const ask = <T>(type: string): Promise<T> =>
    new Promise((resolve) => {
      const id = next++;
      const on = (m: { type: string; id: number; stats?: T }): void => {
        if (m.id !== id) return;
        child.off("message", on);
        resolve(m.stats as T);
      };
      child.on("message", on);
      child.send({ type, id });
    });
  const url = await new Promise<string>((resolve, reject) => {
    child.once("message", (m: { type: string; url: string }) => resolve(m.url));
    child.once("exit", (code) => reject(new Error(`simulated server process exited (${code})`)));
  });
  return {
    url,
    stats: () => ask<ChildStats>("stats"),
    reset: async () => {
      await ask("reset");
    },
    close: () =>
      new Promise((resolve) => {
        child.once("exit", () => resolve());
        child.send({ type: "close", id: -1 });
      }),
  };
}
