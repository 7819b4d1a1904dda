/**
 * A command loads what it uses and no more: `ape --version`, `ape --help` and `ape runs` start
 * without the model backends (openai, undici, node-llama-cpp), the tokenizer, the option table's
 * zod or the progress bars; the library's entry leaves node-llama-cpp to the first `gguf:` model.
 */
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { Store } from "../../src/store/store.js";
import { BIN, VERSION } from "../support/cli.js";
import { loaded } from "../support/loaded.js";
import { tempDir } from "../support/temp.js";

/** Packages none of the light commands needs. */
const HEAVY = ["openai", "undici", "node-llama-cpp", "@dqbd/tiktoken", "zod", "cli-progress", "csv-parse", "p-limit"];

describe("light commands start light", () => {
  let db = "";
  beforeAll(() => {
    db = join(tempDir(), "empty.db");
    new Store(db).close();
  });

  it("ape --version loads the parser and nothing it does not need", async () => {
    const r = await loaded([BIN, "--version"]);
    expect(r.stdout).toBe(`${VERSION}\n`);
    expect(r.code).toBe(0);
    expect(r.packages).toContain("yargs");
    expect([...r.packages].filter((p) => [...HEAVY, "better-sqlite3"].includes(p))).toEqual([]);
  });

  it("ape --help lists every command without loading any", async () => {
    const r = await loaded([BIN, "--help"]);
    expect(r.code).toBe(0);
    for (const command of ["search", "suite", "estimate", "resume <run>", "runs", "show <run>", "export <run>", "report <run>", "tasks [paths..]", "import"])
      expect(r.stdout).toContain(`ape ${command}`);
    expect([...r.packages].filter((p) => [...HEAVY, "better-sqlite3"].includes(p))).toEqual([]);
  });

  it("ape runs opens the database and loads no backend, tokenizer or option table", async () => {
    const r = await loaded([BIN, "runs", "--db", db]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(`no runs in ${db} yet`);
    expect(r.packages).toContain("better-sqlite3");
    expect([...r.packages].filter((p) => HEAVY.includes(p))).toEqual([]);
  });

  it("a command's own flags still load with it: ape search --help", async () => {
    const r = await loaded([BIN, "search", "--help"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("--model");
    expect(r.packages).toContain("zod");
  });

  it("the library's entry does not load node-llama-cpp, openai or undici until a model is made", async () => {
    const entry = join(import.meta.dirname, "../../dist/index.js");
    const r = await loaded(["--input-type=module", "-e", `const ape = await import(${JSON.stringify(entry)}); console.log(typeof ape.search);`]);
    expect(r.stdout).toBe("function\n");
    expect(r.packages).toContain("better-sqlite3");
    expect([...r.packages].filter((p) => ["node-llama-cpp", "openai", "undici"].includes(p))).toEqual([]);
  });
});
