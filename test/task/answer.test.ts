/** A task's answer settings and metric forms, as the task file gives them. */
import { describe, expect, it } from "vitest";
import { parseTask } from "../../src/task/index.js";
import { problems } from "../support/task-problems.js";

const examples = Array.from({ length: 10 }, (_, i) => ({ input: `in ${i}`, output: `out ${i}` }));
const task = (head: Record<string, unknown>) => parseTask(JSON.stringify({ name: "t", ...head, examples }), "t.json");

describe("a task's answer settings", () => {
  it("are absent at their defaults (one line of 48 tokens), so a task without them is as before", () => {
    expect(task({}).answer).toBeUndefined();
    expect(task({ answer: { maxTokens: 48, stop: ["\n"] } }).answer).toBeUndefined();
  });

  it("keep a free-form answer's token limit, stop strings and extraction, the others at their defaults", () => {
    expect(task({ answer: { maxTokens: 256, extract: { json: "label" } } }).answer).toEqual({ maxTokens: 256, stop: ["\n"], extract: { json: "label" } });
    expect(task({ answer: { stop: [] } }).answer).toEqual({ maxTokens: 48, stop: [] });
    expect(task({ answer: { stop: ["\n\n"], extract: { regex: "Label: (\\w+)" } } }).answer).toEqual({
      maxTokens: 48,
      stop: ["\n\n"],
      extract: { regex: "Label: (\\w+)" },
    });
  });

  it("are checked, each problem with its field", () => {
    const found = problems(JSON.stringify({ name: "t", answer: { maxTokens: 0, stop: ["a", "b", "c", "d", "e"], extract: { regex: "(" } }, examples }));
    expect(found).toContain("answer.maxTokens: must be at least 1");
    expect(found).toContain("answer.stop: must be at most 4");
    expect(problems(JSON.stringify({ name: "t", answer: { extract: { regex: "(unclosed" } }, examples }))).toEqual([
      "answer.extract.regex: not a valid regular expression (Invalid regular expression: /(unclosed/: Unterminated group)",
    ]);
    expect(problems(JSON.stringify({ name: "t", answer: { extract: { json: "a..b" } }, examples }))[0]).toContain(
      'answer.extract.json: an empty step in the path "a..b"',
    );
    expect(problems(JSON.stringify({ name: "t", answer: { extract: { regex: "x", json: "y" } }, examples }))).toEqual([
      'answer.extract: expected one of {"regex": "…"} or {"json": "field.path"}, got {"regex":"x","json":"y"}',
    ]);
    expect(problems(JSON.stringify({ name: "t", answer: { maxTokns: 9 }, examples }))).toEqual(['answer.maxTokns: unknown field; did you mean "maxTokens"?']);
  });
});

describe("a task's metric", () => {
  it("is a built-in's name, a module of yours or a judge with a rubric", () => {
    expect(task({ metric: "f1" }).metric).toBe("f1");
    expect(task({ metric: { module: "./m.mjs", export: "lenient" } }).metric).toEqual({ module: "./m.mjs", export: "lenient" });
    expect(task({ metric: { judge: { rubric: "Is it polite?" } } }).metric).toEqual({ judge: { rubric: "Is it polite?" } });
  });

  it("of another shape is a problem that lists the forms", () => {
    expect(problems(JSON.stringify({ name: "t", metric: 3, examples }))).toEqual([
      'metric: expected a metric name or object, got a number; valid metrics: exact_match, contains, f1, exact_set; or a metric of yours, {"module": "./my-metric.mjs", "export": "name"}; or a judge, {"judge": {"rubric": "…"}}',
    ]);
    expect(problems(JSON.stringify({ name: "t", metric: { judge: { rubric: " " } }, examples }))).toEqual(["metric.judge.rubric: must not be empty"]);
    expect(problems(JSON.stringify({ name: "t", metric: { module: "./m.mjs", exprt: "x" }, examples }))).toEqual([
      'metric.exprt: unknown field; did you mean "export"?',
    ]);
  });
});
