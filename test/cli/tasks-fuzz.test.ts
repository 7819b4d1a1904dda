/**
 * Fuzz `ape tasks validate`: well over a thousand malformed task files, made deterministically from
 * a valid one. Each must be rejected with exit code 2 and a message naming the file, never a stack
 * trace or an "internal error".
 */
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import { mulberry32, TEXT_CAP, type Random } from "../../src/task/index.js";
import { captured } from "../support/cli.js";
import { tempFolder } from "../support/temp.js";

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Task = { [key: string]: Json };

function base(): Task {
  return {
    version: 1,
    name: "fuzz",
    description: "a valid task that the fuzzer breaks",
    metric: "exact_match",
    templates: { eval: "Instruction: [PROMPT]\nInput: [INPUT]\nOutput: [OUTPUT]" },
    references: ["Copy the input."],
    split: { demo: 0.2, eval: 0.4, test: 0.4, seed: 1 },
    examples: Array.from({ length: 10 }, (_, i): Json => ({ id: `e${i}`, input: `in ${i}`, output: i % 2 ? `out ${i}` : [`out ${i}`, "alt"] })),
  };
}

const pick = <T>(r: Random, items: readonly T[]): T => items[Math.floor(r() * items.length)] as T;

/** The task's examples, or (when an earlier mutation replaced them) a detached list to mutate harmlessly. */
function examplesOf(t: Task): Task[] {
  const list = t.examples;
  const plain = (e: Json): boolean => typeof e === "object" && e !== null && !Array.isArray(e);
  if (Array.isArray(list) && list.length >= 2 && list.every(plain)) return list as Task[];
  return (base().examples as Task[]).slice();
}

function deep(depth: number, kind: "array" | "object"): string {
  return kind === "array" ? "[".repeat(depth) + "]".repeat(depth) : `${'{"a":'.repeat(depth)}1${"}".repeat(depth)}`;
}

const NOT_STRING: readonly Json[] = [1, -3.5, true, false, null, [], {}, [1, 2], { a: "b" }];
const NOT_LIST: readonly Json[] = [1, "x", true, null, {}, { a: [] }];
const NOT_OBJECT: readonly Json[] = [1, "x", true, null, [], ["a"]];

/** Mutations of the parsed task; each alone makes the task invalid. */
const OBJECT_MUTATIONS: readonly ((t: Task, r: Random) => void)[] = [
  (t, r) => (t.name = pick(r, [...NOT_STRING, ""])),
  (t) => delete t.name,
  (t) => delete t.examples,
  (t, r) => (t.examples = pick(r, [...NOT_LIST, []])),
  (t, r) => (t.metric = pick(r, ["accuracy", "EXACT_MATCH", "f2", "", "exact match", 3, null, ["f1"]])),
  (t, r) => (t.references = pick(r, [...NOT_LIST.filter((v) => !Array.isArray(v)), [1], [""], ["ok", null]])),
  (t, r) =>
    (t.templates = pick(r, [
      ...NOT_OBJECT,
      { eval: "no placeholders" },
      { demo: "[INPUT] only" },
      { forward: "[full_DEMO]" },
      { reverse: "blank" },
      { evl: "[PROMPT]" },
      { eval: 5 },
    ])),
  (t, r) =>
    (t.split = pick(r, [
      ...NOT_OBJECT,
      { demo: 2 },
      { demo: -0.1, eval: 0.6, test: 0.5 },
      { demo: 0.5, eval: 0.6 },
      { demo: 0, eval: 0.5, test: 0.5 },
      { demo: 0.5, eval: 0, test: 0.5 },
      { dmeo: 0.2 },
      { seed: 1.5 },
      { seed: "x" },
    ])),
  (t, r) => (t[pick(r, ["nmae", "exmples", "metrics", "reference", "splits", "template", "extra", "__proto_x"])] = 1),
  (t, r) => (t.version = pick(r, [2, 0, "1", null])),
  (t, r) => (t.description = pick(r, [1, null, [], "x".repeat(TEXT_CAP + 1)])),
  (t, r) => {
    const e = pick(r, examplesOf(t));
    e.input = pick(r, NOT_STRING);
  },
  (t, r) => {
    const e = pick(r, examplesOf(t));
    e.output = pick(r, [...NOT_STRING.filter((v) => !Array.isArray(v) || v.length === 0 || typeof v[0] !== "string"), [], ["a", 1], [null]]);
  },
  (t, r) => delete pick(r, examplesOf(t))[pick(r, ["input", "output"])],
  (t, r) => (pick(r, examplesOf(t))[pick(r, ["ouput", "inputs", "label", "target"])] = "x"),
  (t, r) => (pick(r, examplesOf(t)).id = pick(r, [1, null, "", [], "x".repeat(500)])),
  (t, r) => {
    const list = examplesOf(t);
    const a = Math.floor(r() * list.length);
    const b = (a + 1 + Math.floor(r() * (list.length - 1))) % list.length;
    for (const e of [list[a], list[b]]) if (e) e.id = "same";
  },
  (t, r) => (pick(r, examplesOf(t))[pick(r, ["input", "output"])] = "y".repeat(TEXT_CAP + 1 + Math.floor(r() * 1000))),
  (t, r) => (t.references = ["z".repeat(TEXT_CAP + 1 + Math.floor(r() * 10))]),
  (t, r) => {
    const list = examplesOf(t);
    list.splice(0, list.length, ...list.slice(0, 1));
    if (r() < 0.5) delete t.split;
  },
  (t, r) => {
    delete t.split;
    const allowed = pick(r, [["demo", "test"], ["eval", "test"], ["test"], ["demo"], ["eval"]]);
    for (const e of examplesOf(t)) e.split = pick(r, allowed);
  },
  (t, r) => {
    delete t.split;
    for (const e of examplesOf(t)) e.split = pick(r, ["test", "dev", "train"]);
    const first = examplesOf(t)[0];
    if (first) first.split = "dev";
  },
  (t, r) => (pick(r, examplesOf(t)).split = pick(r, ["demo", "eval", "test"])),
  (t, r) => ((examplesOf(t) as Json[])[Math.floor(r() * 10)] = pick(r, [...NOT_OBJECT, { input: "a" }])),
  (t, r) => (pick(r, examplesOf(t)).output = JSON.parse(deep(50 + Math.floor(r() * 200), pick(r, ["array", "object"]))) as Json),
];

/** Mutations of the text; each alone makes it invalid JSON or not a task at all. */
const TEXT_MUTATIONS: readonly ((text: string, r: Random) => string)[] = [
  (s, r) => s.slice(0, Math.floor(r() * s.lastIndexOf("}"))),
  (s, r) => {
    const at = Math.floor(r() * s.length);
    return `${s.slice(0, at)}\u0001${s.slice(at)}`;
  },
  (s) => s.replace(/,\s*"examples"/, ' "examples"'),
  (s) => s.replace(/}\s*$/, ",}"),
  (s) => `${s}${s}`,
  (s) => s.replace(/"name"/, "name"),
  (s) => s.replace(/"/g, "'"),
  (_s, r) => pick(r, ["", " ", "\n\n", "\uFEFF", "null", "[]", "42", '"task"', "true", "{}", "[{}]"]),
  (_s, r) => deep(2000 + Math.floor(r() * 20000), pick(r, ["array", "object"])),
  (_s, r) => `{"name": "x", "examples": ${deep(1000 + Math.floor(r() * 20000), "array")}}`,
];

/** JSONL files with at least one bad line. */
function jsonl(r: Random): string {
  const lines = Array.from({ length: 6 }, (_, i) => JSON.stringify({ input: `i${i}`, output: `o${i}` }));
  const bad = pick(r, [
    '{"input": 1, "output": "x"}',
    '{"input": "x"}',
    "{oops",
    '{"input": "a", "output": []}',
    '["a", "b"]',
    '{"input": "a", "output": "b", "x": 1}',
    "null",
  ]);
  lines.splice(Math.floor(r() * lines.length), 0, bad);
  return lines.join("\n");
}

const COUNT = 1000;
let dir = "";
let cleanup: () => Promise<void> = async () => undefined;
const files: string[] = [];

beforeAll(async () => {
  ({ dir, cleanup } = await tempFolder("ape-fuzz-"));
  const r = mulberry32(20240611);
  for (let i = 0; i < COUNT; i++) {
    let file = join(dir, `case-${i}.json`);
    let text: string;
    const kind = r();
    if (kind < 0.6) {
      const task = base();
      const n = 1 + Math.floor(r() * 2);
      for (let k = 0; k < n; k++) pick(r, OBJECT_MUTATIONS)(task, r);
      text = JSON.stringify(task, null, r() < 0.5 ? 2 : undefined);
    } else if (kind < 0.9) {
      text = pick(r, TEXT_MUTATIONS)(JSON.stringify(base(), null, 2), r);
    } else {
      file = join(dir, `case-${i}.jsonl`);
      text = jsonl(r);
    }
    if (i % 250 === 7) {
      file = join(dir, `case-${i}-folder.json`);
      await mkdir(file);
    } else await writeFile(file, text);
    files.push(file);
  }
});

afterAll(async () => {
  await cleanup();
});

describe("ape tasks validate on malformed files", () => {
  it(`rejects all ${COUNT} with exit code 2, naming the file, without a stack trace`, async () => {
    const accepted: string[] = [];
    for (const file of files) {
      const ctx = captured();
      const code = await main(["tasks", "validate", file], ctx);
      const all = ctx.out() + ctx.err();
      if (code !== 2) accepted.push(`${file} → ${code}: ${all.slice(0, 300)}`);
      expect(ctx.err()).toContain(`${file}:`);
      expect(all).not.toMatch(/^\s{4}at /m);
      expect(all).not.toContain("internal error");
    }
    expect(accepted).toEqual([]);
  }, 60_000);
});

describe("ape search on malformed files", () => {
  it("rejects every one with exit code 2 before touching the results database", async () => {
    const { existsSync } = await import("node:fs");
    const sample = files.filter((_, i) => i % 10 === 0);
    for (const file of sample) {
      const db = `${file}.db`;
      const ctx = captured();
      const code = await main(["search", "--task", file, "--model", "vllm:m", "--base-url", "http://127.0.0.1:9/v1", "--db", db, "--progress", "none"], ctx);
      expect(code, `${file}: ${ctx.err().slice(0, 200)}`).toBe(2);
      expect(ctx.err()).toContain(file);
      expect(ctx.err()).not.toMatch(/^\s{4}at /m);
      expect(existsSync(db)).toBe(false);
    }
  }, 60_000);
});
