/**
 * node-llama-cpp is optional: without it (hidden from a child process by a module hook, as if a
 * library user installed ape-search with `--omit=optional`), a `gguf:` model stops with a usage
 * error that names the package and how to add it, from the library and from the command line,
 * with no stack trace; HTTP models do not need it.
 */
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { EXIT } from "../../src/errors.js";
import { DEFAULT_MODEL } from "../../src/model/spec.js";
import { BIN } from "../support/cli.js";
import { loaded } from "../support/loaded.js";
import { startWorld } from "../support/sim/fixture.js";
import { writeSmallTask } from "../support/task-fixture.js";
import { tempDir } from "../support/temp.js";

const ENTRY = join(import.meta.dirname, "../../dist/index.js");
const ADVICE = "runs in-process with node-llama-cpp, an optional dependency of ape-search that is not installed here: add it with `npm install node-llama-cpp`";

/** A child script that runs `search()` with `options` and prints what it ended with, as JSON. */
function searchScript(options: Record<string, unknown>): string {
  return `const { search } = await import(${JSON.stringify(ENTRY)});
  try { const r = await search(${JSON.stringify(options)}); console.log(JSON.stringify({ status: r.status, winner: r.winner?.text })); }
  catch (e) { console.log(JSON.stringify({ name: e.name, exitCode: e.exitCode, message: e.message })); }`;
}

describe("without node-llama-cpp", () => {
  it("search() with a gguf: model throws a UsageError naming the package", async () => {
    const dir = tempDir();
    const options = { task: writeSmallTask(dir), model: "gguf:./model.gguf", db: join(dir, "ape.db") };
    const r = await loaded(["--input-type=module", "-e", searchScript(options)], ["node-llama-cpp"]);
    expect(JSON.parse(r.stdout)).toEqual({ name: "UsageError", exitCode: EXIT.usage, message: expect.stringContaining(`gguf:./model.gguf ${ADVICE}`) });
    expect(r.packages).not.toContain("node-llama-cpp");
  });

  it("ape search with the embedded default says so in one line, exit code 2", async () => {
    const dir = tempDir();
    const r = await loaded([BIN, "search", "--task", writeSmallTask(dir), "--db", join(dir, "ape.db"), "--progress", "none"], ["node-llama-cpp"]);
    expect(r.code).toBe(EXIT.usage);
    expect(r.stderr).toMatch(new RegExp(`^ape: ${DEFAULT_MODEL} runs in-process with node-llama-cpp[^\\n]*npm install node-llama-cpp[^\\n]*\\n$`));
  });

  it("a search over HTTP runs as before", async () => {
    const server = await startWorld();
    try {
      const dir = tempDir();
      const options = { task: writeSmallTask(dir), model: "vllm:sim-model", baseUrls: [server.url], db: join(dir, "ape.db"), candidates: 4 };
      const r = await loaded(["--input-type=module", "-e", searchScript(options)], ["node-llama-cpp"]);
      expect(JSON.parse(r.stdout)).toEqual({ status: "done", winner: expect.any(String) });
    } finally {
      await server.close();
    }
  });
});
