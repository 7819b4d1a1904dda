/**
 * `npm run bench -- faults`: ape under kills and faults, the CLI against the simulated server
 * behind the fault proxy. Prints, for 10 seeded kill -9 points during the proposals (each followed
 * by the same command again) and for runs at 20% and 50% mixed faults, with and without a
 * `--max-calls` cap: runs finished (with the fault-free run's ranking), prompts re-paid (answered by
 * the server beyond what the fault-free run needed), and server-answered against recorded calls.
 * `APE_BIN=/path/to/bin/ape.js` measures another build of ape (e.g. main's, for before figures).
 */
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { BIN, type CliRun } from "../support/cli.js";
import { readDb, ranking } from "../support/db.js";
import { answeredPrompts, type FaultProxy, isProposal, type ProxiedRequest, startFaultProxy } from "../support/fault-proxy.js";
import { unit } from "../support/sim/hash.js";
import { startWorld } from "../support/sim/fixture.js";
import type { SimServer } from "../support/sim/types.js";
import { writeSmallTask } from "../support/task-fixture.js";
import { tempDir } from "../support/temp.js";

const bin = process.env.APE_BIN ?? BIN;
/** 10 demo subsets: 10 proposal requests, each with its own seed. */
const SEARCH = ["--candidates", "20", "--subsets", "10", "--seed", "3", "--progress", "none", "--json"];
const MIXED = ["500", "503", "429", "drop", "empty-choices", "short-choices", "missing-text"] as const;

function cli(args: readonly string[]): { kill: () => void; done: Promise<CliRun> } {
  const child = spawn(process.execPath, [bin, ...args], { stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
  child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
  return { kill: () => child.kill("SIGKILL"), done: new Promise((resolve) => child.on("close", (code, signal) => resolve({ code, signal, stdout, stderr }))) };
}

function proposals(requests: readonly ProxiedRequest[]): number {
  return requests.filter((r) => r.number !== undefined && isProposal(r.body)).length;
}

function recorded(db: string): number {
  return existsSync(db) ? (readDb<{ n: number }>(db, "SELECT count(*) AS n FROM calls WHERE cached = 0")[0]?.n ?? 0) : 0;
}

interface Clean {
  readonly prompts: number;
  readonly proposals: number;
  readonly ranking: string[];
}

async function fresh(server: SimServer, settings: Parameters<typeof startFaultProxy>[1] = {}): Promise<{ proxy: FaultProxy; task: string; db: string }> {
  const dir = tempDir("ape-bench-faults-");
  return { proxy: await startFaultProxy(new URL(server.url).origin, settings), task: writeSmallTask(dir), db: join(dir, "ape.db") };
}

async function cleanRun(server: SimServer): Promise<Clean> {
  const { proxy, task, db } = await fresh(server);
  const run = await cli(["search", "--task", task, "--model", "vllm:sim-model", "--base-url", proxy.url, ...SEARCH, "--db", db]).done;
  if (run.code !== 0) throw new Error(`the fault-free run failed: ${run.stderr}`);
  const out = { prompts: answeredPrompts(proxy.requests).answered, proposals: proposals(proxy.requests), ranking: ranking(db) };
  await proxy.close();
  return out;
}

async function kills(server: SimServer, clean: Clean): Promise<void> {
  console.log(`10 kill -9 points during the proposals (${clean.proposals} proposal requests; fault-free run: ${clean.prompts} prompts answered):`);
  let finished = 0;
  let repaid = 0;
  let repaidProposals = 0;
  let inFlight = 0;
  let beyond = 0;
  const rows: string[] = [];
  for (let i = 0; i < 10; i++) {
    const k = 1 + Math.floor(unit("kill", i) * (clean.proposals - 1));
    const { proxy, task, db } = await fresh(server);
    const command = ["search", "--task", task, "--model", "vllm:sim-model", "--base-url", proxy.url, ...SEARCH, "--db", db];
    const first = cli(command);
    const t0 = Date.now();
    while (proposals(proxy.requests) < k && Date.now() - t0 < 30_000) await new Promise((r) => setTimeout(r, 1));
    const atKill = answeredPrompts(proxy.requests);
    first.kill();
    await first.done;
    const flying = atKill.received - atKill.answered;
    inFlight += flying;
    const again = await cli(command).done;
    const ok = again.code === 0 && JSON.stringify(ranking(db)) === JSON.stringify(clean.ranking);
    finished += ok ? 1 : 0;
    const extra = answeredPrompts(proxy.requests).answered - clean.prompts;
    const extraProposals = proposals(proxy.requests) - clean.proposals;
    repaid += extra;
    repaidProposals += extraProposals;
    beyond += Math.max(0, extra - flying);
    rows.push(`k=${k}: ${ok ? "done" : `exit ${again.code}`}, ${flying} in flight, +${extra} answered, ${extraProposals} proposals re-sent`);
    await proxy.close();
  }
  console.log(`  ${rows.join("; ")}`);
  console.log(
    `  runs finished with the fault-free ranking: ${finished}/10; prompts re-paid (answered twice): ${repaid} in all, ${(repaid / 10).toFixed(1)} per kill; ` +
      `proposal requests re-sent: ${repaidProposals}; prompts in flight (sent, not yet answered) at the kills: ${inFlight}; re-paid beyond what was in flight: ${beyond}`,
  );
}

async function faults(server: SimServer, clean: Clean, rate: number, cap: number | undefined): Promise<void> {
  let finished = 0;
  const exits = new Map<string, number>();
  let repaid = 0;
  let answered = 0;
  let stored = 0;
  let over = 0;
  const seeds = 5;
  for (let seed = 1; seed <= seeds; seed++) {
    const { proxy, task, db } = await fresh(server, { rate, seed, kinds: MIXED, retryAfterSeconds: 0 });
    const capArgs = cap === undefined ? [] : ["--max-calls", String(cap)];
    const run = await cli(["search", "--task", task, "--model", "vllm:sim-model", "--base-url", proxy.url, ...SEARCH, ...capArgs, "--db", db]).done;
    const ok = run.code === 0 && JSON.stringify(ranking(db)) === JSON.stringify(clean.ranking);
    finished += ok ? 1 : 0;
    const why = run.stderr.trim().split("\n").at(-1)?.slice(0, 160) ?? "";
    const exit = ok ? "done" : run.code === 0 ? "done, other ranking" : run.code === 5 ? "exit 5" : `exit ${run.code}: ${why}`;
    exits.set(exit, (exits.get(exit) ?? 0) + 1);
    const a = answeredPrompts(proxy.requests).answered;
    answered += a;
    stored += recorded(db);
    if (cap !== undefined && a > cap) over++;
    repaid += Math.max(0, a - clean.prompts);
    await proxy.close();
  }
  const outcome = [...exits].map(([k, n]) => `${n}× ${k}`).join(", ");
  const capped = cap === undefined ? "no cap" : `--max-calls ${cap}`;
  console.log(
    `  ${Math.round(rate * 100)}% faults, ${capped}: ${finished}/${seeds} finished with the fault-free ranking (${outcome}); ` +
      `server answered ${answered} prompts, database recorded ${stored} calls${cap === undefined ? `; ${repaid} answered beyond the fault-free run's ${clean.prompts} per run (summed)` : `; runs whose server answered more than the cap: ${over}`}`,
  );
}

/** Print the table. */
export async function run(): Promise<void> {
  console.log(`ape: ${bin}`);
  const server = await startWorld({ faults: { latencyMs: 20, jitterMs: 60 } });
  try {
    const clean = await cleanRun(server);
    await kills(server, clean);
    console.log("mixed faults (500 with varying words, 503, 429, dropped connections, empty/short/textless answers), 5 seeds each:");
    for (const rate of [0.2, 0.5]) {
      await faults(server, clean, rate, undefined);
      await faults(server, clean, rate, 5);
      await faults(server, clean, rate, clean.prompts);
    }
  } finally {
    await server.close();
  }
}
