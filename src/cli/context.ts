/**
 * What a CLI command needs from the outside world, passed in rather than read from globals, so
 * every command runs the same in a test (in-process, captured output) and in a terminal.
 */
import type { ArgumentsCamelCase, Argv, CommandModule } from "yargs";

/** A place to write text (process.stdout/stderr, or a buffer in tests). */
export interface Output {
  write(text: string): unknown;
  /** True when it is an interactive terminal (progress bars are drawn only then). */
  readonly isTTY?: boolean;
}

/**
 * Where a command writes text for people: control characters in it are shown escaped
 * (src/text/terminal-text.ts); `exact` is the same destination, byte for byte.
 */
export interface TextOutput extends Output {
  /** The destination itself: for data that must stay exact (`ape export`) and the live bar's own escape codes. */
  readonly exact: Output;
}

/** The outside world `main()` is given: a terminal, or buffers in tests. */
export interface CliContext {
  /** Results only: tables, JSON documents. */
  readonly stdout: Output;
  /** Progress, warnings, errors. */
  readonly stderr: Output;
  /** Environment variables (`APE_DB`, `OPENAI_API_KEY`, …). */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Aborted on Ctrl-C. */
  readonly signal: AbortSignal;
}

/** What a command is given: the outside world, with stdout and stderr writing text for people. */
export interface CommandContext extends CliContext {
  readonly stdout: TextOutput;
  readonly stderr: TextOutput;
}

/** What `ape --help` shows of a command: its usage (`export <run>`) and what it does, in one line. */
export interface CommandHead {
  readonly command: string;
  readonly describe: string;
}

/** What a command is: its flags (its argument type is read from them) and what it does. */
export interface CommandBody<U> {
  /** Declares the flags (and any subcommands, which may need the context). */
  readonly builder: (y: Argv, ctx: CommandContext) => Argv<U>;
  /** Calls the library and formats what it returns; `ctx` is the outside world `main()` was given. */
  readonly handler: (argv: ArgumentsCamelCase<U>, ctx: CommandContext) => void | Promise<void>;
}

/** One command: its usage, help and flags, and what it does. */
export interface CommandSpec<U> extends CommandHead, CommandBody<U> {}

/** Adds one command to a parser; keeps each command's own argument type inside it. */
export type Registration = (parser: Argv, ctx: CommandContext) => void;

/** Declare a subcommand, which its parent's builder registers: the registration the parent adds to its parser. */
export function defineCommand<U>(spec: CommandSpec<U>): Registration {
  return lazyCommand(spec, async () => spec);
}

/** Declare a command's body (a file under src/cli/commands), its argument type read from its flags. */
export function commandBody<U>(body: CommandBody<U>): CommandBody<U> {
  return body;
}

/**
 * A command whose body (flags, handler and all they import) is loaded only when the command is
 * named: `ape --help` and `ape --version` need only the heads, and each command loads only its own.
 */
export function lazyCommand<U>(head: CommandHead, load: () => Promise<CommandBody<U>>): Registration {
  return (parser, ctx) => {
    const module: CommandModule<object, U> = {
      command: head.command,
      describe: head.describe,
      builder: async (y) => (await load()).builder(y, ctx),
      handler: async (argv) => (await load()).handler(argv, ctx),
    };
    parser.command(module);
  };
}
