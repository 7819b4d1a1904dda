/**
 * The `ape` command: parses arguments with yargs, runs one command, and turns any error into a
 * message on stderr and an exit code (src/errors.ts). The only place that decides the exit code.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { Argv } from "yargs";
import { ApeError, EXIT, UsageError } from "../errors.js";
import { isRecord } from "../narrow.js";
import { watchClosedPipe } from "./closed-pipe.js";
import { type CliContext, type CommandContext, lazyCommand, type Registration } from "./context.js";
import { commandContext } from "./text-output.js";

/**
 * Every command of the CLI: what `ape --help` says of it, and its body (one file each under
 * src/cli/commands), imported only when the command is named, so a command loads no more than it uses.
 */
const COMMANDS: readonly Registration[] = [
  lazyCommand({ command: "search", describe: "Search for the best instruction for a task" }, async () => (await import("./commands/search.js")).searchCommand),
  lazyCommand(
    { command: "suite", describe: "Search many tasks as one resumable run; print ape against the human references (IQM, wins/ties/losses)" },
    async () => (await import("./commands/suite.js")).suiteCommand,
  ),
  lazyCommand(
    { command: "estimate", describe: "Planned calls, tokens and cost of a search or a suite (same flags; calls no model)" },
    async () => (await import("./commands/estimate.js")).estimateCommand,
  ),
  lazyCommand(
    { command: "resume <run>", describe: "Continue a stopped run (crash, Ctrl-C, budget) without paying for finished calls again" },
    async () => (await import("./commands/resume.js")).resumeCommand,
  ),
  lazyCommand(
    { command: "runs", describe: "List the runs (and suites) in the results database, newest first" },
    async () => (await import("./commands/runs.js")).runsCommand,
  ),
  lazyCommand(
    { command: "show <run>", describe: "Show a run's ranked candidates with 95% intervals, one candidate in full, or a suite's summary table" },
    async () => (await import("./commands/show.js")).showCommand,
  ),
  lazyCommand(
    { command: "export <run>", describe: "Export a run's candidates (or evaluations), or a suite's table, as JSON, JSON Lines or CSV" },
    async () => (await import("./commands/export.js")).exportCommand,
  ),
  lazyCommand(
    { command: "report <run>", describe: "Write a run's (or a suite's) HTML report (charts, leaderboard; one file, no network needed)" },
    async () => (await import("./commands/report.js")).reportCommand,
  ),
  lazyCommand(
    { command: "tasks [paths..]", describe: "List tasks (folders of task files, or task files; default: tasks), or validate task files" },
    async () => (await import("./commands/tasks.js")).tasksCommand,
  ),
  lazyCommand(
    { command: "import", describe: "Convert tasks from another format (ape, bigbench, jsonl, csv) into task files" },
    async () => (await import("./commands/import.js")).importCommand,
  ),
];

/**
 * yargs' CommonJS build, which starts in a third of the time its ES module build takes (that one
 * reads its files through the module loader's CommonJS bridge) and wraps help at word boundaries
 * (the ES module build of its layout library cuts words).
 */
const yargs = createRequire(import.meta.url)("yargs/yargs") as (args: readonly string[]) => Argv;

/** The signals that stop a command cleanly: the run is marked cancelled and can be resumed. */
const STOP_SIGNALS = ["SIGINT", "SIGTERM"] as const;

/** The context of a real terminal session. */
export function processContext(signal: AbortSignal): CliContext {
  return { stdout: process.stdout, stderr: process.stderr, env: process.env, signal };
}

/** Run the CLI on `argv` (without `node` and the script) and return the exit code. */
export async function main(argv: readonly string[], ctx?: CliContext): Promise<number> {
  const controller = new AbortController();
  // SIGTERM (docker stop, timeout, a supervisor) stops a run as Ctrl-C does. Only the first signal
  // is handled: a second one (of either kind) ends the process at once, the run left to `ape resume`.
  const unhook = (): void => {
    for (const name of STOP_SIGNALS) process.off(name, onSignal);
  };
  const onSignal = (): void => {
    unhook();
    controller.abort();
  };
  if (!ctx) for (const name of STOP_SIGNALS) process.on(name, onSignal);
  const context = ctx ?? processContext(controller.signal);
  // Once for the process: a reader that closed our stdout stops the command, quietly, exit 0.
  const stdoutClosed = ctx ? () => false : watchClosedPipe(process.stdout, () => controller.abort());
  try {
    // Every write of every command, errors included, goes out with control characters escaped.
    const code = await run(argv, commandContext(context));
    return stdoutClosed() ? EXIT.ok : code;
  } finally {
    if (!ctx) unhook();
  }
}

async function run(argv: readonly string[], ctx: CommandContext): Promise<number> {
  const parser = yargs([...argv])
    .scriptName("ape")
    .usage("$0 <command> [options]")
    .strict()
    .demandCommand(1, "Name a command; `ape --help` lists them.")
    .recommendCommands()
    .help()
    .version(apeVersion())
    .wrap(Math.min(100, process.stdout.columns ?? 100))
    .fail((message: string | null, error: Error | undefined) => {
      // Throwing here stops yargs before any handler runs, so a bad flag never half-runs a command.
      throw error ?? new UsageError(`${plainMessage(message ?? "invalid arguments")}\nRun \`ape --help\` for usage.`);
    });
  for (const add of COMMANDS) add(parser, ctx);
  // Known as soon as the flags are parsed (before they are checked): with `--progress json`, a
  // failure is the last event rather than a line of text.
  let jsonEvents = false;
  parser.middleware((a) => {
    jsonEvents = a.progress === "json";
  }, true);
  let helpText = "";
  try {
    await parser.parseAsync([...argv], {}, (_err: Error | undefined, _argv: unknown, output: string) => {
      helpText = output;
    });
  } catch (error) {
    return await report(error, ctx, jsonEvents);
  }
  if (helpText) ctx.stdout.write(`${helpText}\n`);
  return EXIT.ok;
}

/**
 * ape's own version, from its package.json. (yargs by itself reads the package.json in the folder
 * above its node_modules: once ape is installed, the project's that installed it.)
 */
function apeVersion(): string {
  const manifest: unknown = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8"));
  return isRecord(manifest) && typeof manifest.version === "string" ? manifest.version : "unknown";
}

/**
 * yargs names an unknown flag once per spelling it derives (`such-flag, suchFlag` for
 * `--no-such-flag`): name each once, as a flag.
 */
function plainMessage(message: string): string {
  const unknown = /^Unknown arguments?: (.*)$/.exec(message);
  if (!unknown?.[1]) return message;
  const names = unknown[1].split(", ");
  const kebab = (name: string): string => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
  const flags = [...new Set(names.map(kebab))].map((name) => (name.length === 1 ? `-${name}` : `--${name}`));
  return `unknown ${flags.length === 1 ? "flag" : "flags"} ${flags.join(", ")}`;
}

/**
 * Say why the command failed, in the command line's words, on stderr: a line of text, or with
 * `--progress json` an `error` event (its `exitCode` and `message`) after the others. The exit code.
 */
async function report(error: unknown, ctx: CliContext, jsonEvents: boolean): Promise<number> {
  const known = error instanceof ApeError;
  const exitCode = known ? error.exitCode : EXIT.internal;
  // The flags' names come from the option table, loaded only when there is something to say.
  const message = known
    ? (await import("./cli-message.js")).cliMessage(error, ctx.env)
    : `internal error (please report it): ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`;
  ctx.stderr.write(jsonEvents ? `${JSON.stringify({ type: "error", exitCode, message, time: new Date().toISOString() })}\n` : `ape: ${message}\n`);
  return exitCode;
}
