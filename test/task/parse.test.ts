import { describe, expect, it } from "vitest";
import { DEFAULT_TEMPLATES, TEXT_CAP, loadTask, parseTask } from "../../src/task/index.js";
import { problems } from "../support/task-problems.js";

function examples(n: number): { input: string; output: string }[] {
  return Array.from({ length: n }, (_, i) => ({ input: `in ${i}`, output: `out ${i}` }));
}

describe("parseTask: a good task", () => {
  it("fills defaults and splits 20% demo, the rest halved", () => {
    const task = parseTask(JSON.stringify({ name: "t", examples: examples(100) }), "t.json");
    expect(task.metric).toBe("exact_match");
    expect(task.templates).toEqual(DEFAULT_TEMPLATES);
    expect(task.references).toEqual([]);
    expect([task.splits.demo.length, task.splits.eval.length, task.splits.test.length]).toEqual([20, 40, 40]);
    const ids = [...task.splits.demo, ...task.splits.eval, ...task.splits.test].map((e) => e.id).sort();
    expect(new Set(ids).size).toBe(100);
  });

  it("caps the default demo split at 50", () => {
    const task = parseTask(JSON.stringify({ name: "t", examples: examples(1000) }), "t.json");
    expect(task.splits.demo.length).toBe(50);
    expect(task.splits.eval.length + task.splits.test.length).toBe(950);
  });

  it("splits the same way for the same seed and differently for another", () => {
    const text = JSON.stringify({ name: "t", split: { demo: 0.1, eval: 0.5, test: 0.4 }, examples: examples(50) });
    const a = parseTask(text, "t.json");
    const b = parseTask(text, "t.json");
    const c = parseTask(text, "t.json", { seed: 7 });
    expect(a.splits).toEqual(b.splits);
    expect(a.splits.eval.map((e) => e.id)).not.toEqual(c.splits.eval.map((e) => e.id));
    expect([a.splits.demo.length, a.splits.eval.length, a.splits.test.length]).toEqual([5, 25, 20]);
  });

  it("keeps explicit splits, list outputs and partial templates", async () => {
    const task = await loadTask("test/fixtures/tasks/explicit-splits.json");
    expect(task.splits.demo.map((e) => e.id)).toEqual(["a"]);
    expect(task.splits.eval.map((e) => e.id)).toEqual(["b", "c"]);
    expect(task.splits.eval[1]?.outputs).toEqual(["three", "3"]);
    expect(task.templates.eval).toBe("Q: [PROMPT]\n[INPUT] => [OUTPUT]");
    expect(task.templates.forward).toBe(DEFAULT_TEMPLATES.forward);
    expect(task.metric).toBe("contains");
  });

  it("accepts text that looks like placeholders inside examples and references", async () => {
    const json = await loadTask("test/fixtures/tasks/placeholders.json");
    const all = [...json.splits.demo, ...json.splits.eval, ...json.splits.test];
    expect(all.map((e) => e.input)).toContain("[INPUT]");
    expect(json.references[0]).toContain("[APE]");
    const jsonl = await loadTask("test/fixtures/tasks/placeholders.jsonl");
    expect(jsonl.name).toBe("placeholders");
    expect([...jsonl.splits.demo, ...jsonl.splits.eval, ...jsonl.splits.test].map((e) => e.id).sort()).toEqual(["0", "1", "p"]);
  });
});

describe("parseTask: problems", () => {
  it("collects every problem with its field path and example index", () => {
    const found = problems(
      JSON.stringify({
        nmae: "x",
        metric: "accuracy",
        templates: { eval: "[INPUT] only", revers: "x", reverse: "no blank" },
        examples: [
          { input: 3, output: "a" },
          { input: "b", output: [] },
          { input: "c", ouput: "d" },
        ],
      }),
    );
    expect(found).toContain('nmae: unknown field; did you mean "name"?');
    expect(found).toContain("name: missing; expected a string");
    expect(found).toContain(
      'metric: unknown metric "accuracy"; valid metrics: exact_match, contains, f1, exact_set; or a metric of yours, {"module": "./my-metric.mjs", "export": "name"}; or a judge, {"judge": {"rubric": "…"}}',
    );
    expect(found).toContain("examples[0].input: expected a string, got 3");
    expect(found).toContain("examples[1].output: expected a string or a non-empty list of strings, got an empty list");
    expect(found).toContain('examples[2].ouput: unknown field; did you mean "output"?');
    expect(found.some((p) => p.startsWith("templates.eval: missing [PROMPT], [OUTPUT]"))).toBe(true);
    expect(found).toContain('templates.revers: unknown field; did you mean "reverse"?');
    expect(found).toContain("templates.reverse: missing [APE], [full_DEMO]; the reverse template needs [APE] [full_DEMO]");
  });

  it("names the item of an output list that is not a string", () => {
    expect(problems(JSON.stringify({ name: "x", examples: [{ input: "a", output: ["b", 3] }, ...examples(3)] }))).toEqual([
      "examples[0].output: expected a string or a non-empty list of strings; item [1] is a number",
    ]);
  });

  it("reads an eval template of chat messages, and names what is wrong inside one message by message", () => {
    const messages = [
      { role: "system", content: "[PROMPT]" },
      { role: "user", content: "[INPUT]" },
    ];
    const task = parseTask(JSON.stringify({ name: "x", templates: { eval: messages }, targetFormat: "chat", examples: examples(3) }), "t.json");
    expect(task.templates.eval).toEqual(messages);
    expect(task.targetFormat).toBe("chat");
    const bad = [
      { role: "sys", content: "[PROMPT]" },
      { role: "user", contnet: "[INPUT]" },
    ];
    expect(problems(JSON.stringify({ name: "x", templates: { eval: bad }, targetFormat: "chatty", examples: examples(3) }))).toEqual([
      'templates.eval[0].role: unknown role "sys"; a message\'s role is one of system, user, assistant',
      "templates.eval[1].content: missing; expected a string",
      'templates.eval[1].contnet: unknown field; did you mean "content"?',
      'targetFormat: unknown target format "chatty"; it is "chat" or "completion"',
    ]);
    expect(problems(JSON.stringify({ name: "x", templates: { eval: 5 }, examples: examples(3) }))).toEqual([
      'templates.eval: expected a text with [PROMPT], [INPUT] and [OUTPUT], or a list of chat messages like {"role": "system", "content": "[PROMPT]"}, got a number',
    ]);
    expect(problems(JSON.stringify({ name: "x", templates: { eval: messages }, targetFormat: "completion", examples: examples(3) }))).toEqual([
      'targetFormat: "completion" cannot send the eval template: it is a list of messages, which only the chat route takes; use "chat" (or leave targetFormat out)',
    ]);
  });

  it("gives line:column for JSON syntax errors", () => {
    const [problem] = problems('{\n  "name": "x",\n  "examples": [\n    {"input": "a" "output": "b"}\n  ]\n}');
    expect(problem).toMatch(/^4:19: not valid JSON: expected "," or "}"/);
    expect(problems("")[0]).toMatch(/^1:1: not valid JSON/);
  });

  it("rejects duplicate ids, naming both examples", () => {
    const found = problems(
      JSON.stringify({
        name: "x",
        examples: [
          { id: "a", input: "1", output: "1" },
          { id: "b", input: "2", output: "2" },
          { id: "a", input: "3", output: "3" },
        ],
      }),
    );
    expect(found).toEqual(['examples[2].id: duplicate id "a" (first used by examples[0])']);
  });

  it("rejects empty tasks and empty demo or eval splits", () => {
    expect(problems(JSON.stringify({ name: "x", examples: [] }))[0]).toMatch(/^examples: no examples/);
    expect(problems(JSON.stringify({ name: "x", examples: examples(1) }))[0]).toMatch(/the eval split is empty/);
    expect(problems(JSON.stringify({ name: "x", split: { demo: 0, eval: 0.5, test: 0.5 }, examples: examples(10) }))[0]).toMatch(
      /^split: the demo split is empty/,
    );
    const onlyTest = examples(3).map((e) => ({ ...e, split: "test" }));
    expect(problems(JSON.stringify({ name: "x", examples: onlyTest }))).toHaveLength(2);
  });

  it("rejects fractions that do not add up to 1 and mixed split styles", () => {
    expect(problems(JSON.stringify({ name: "x", split: { demo: 0.5, eval: 0.6 }, examples: examples(10) }))).toEqual([
      "split: demo + eval + test must add up to 1, got 1.1",
    ]);
    const mixed = [
      { input: "a", output: "b", split: "demo" },
      { input: "c", output: "d" },
    ];
    expect(problems(JSON.stringify({ name: "x", examples: mixed }))[0]).toMatch(/^examples\[1\]\.split: missing/);
  });

  it("says the size cap", () => {
    const long = "x".repeat(TEXT_CAP + 1);
    expect(problems(JSON.stringify({ name: "x", examples: [{ input: long, output: "a" }, ...examples(3)] }))).toEqual([
      `examples[0].input: too long: ${TEXT_CAP + 1} characters, the cap is ${TEXT_CAP}`,
    ]);
  });

  it("names the line of a JSONL problem", () => {
    const text = '{"input": "a", "output": "b"}\n\n{"input": "c", "output": 3}\n{"input": "d", "output": "e", "extra": 1}\n{oops\n';
    expect(problems(text, "x.jsonl")).toEqual([
      "line 3: output: expected a string or a non-empty list of strings, got a number",
      "line 4: extra: unknown field; known fields here: id, input, output, split",
      'line 5:2: not valid JSON: expected a property name in double quotes, found "o"',
    ]);
  });

  it("reports a missing file as a TaskError naming it", async () => {
    await expect(loadTask("test/fixtures/tasks/nope.json")).rejects.toThrow(/nope\.json: cannot read: no such file/);
  });
});

describe("parseTask: protocol", () => {
  const split = (n: number): { input: string; output: string; split: string }[] =>
    examples(n).map((e, i) => ({ ...e, split: i === 0 ? "demo" : i === 1 ? "eval" : "test" }));

  it("carries ape-paper into the task and keeps the file's splits whatever the seed", () => {
    const text = JSON.stringify({ name: "t", protocol: "ape-paper", examples: split(5) });
    const task = parseTask(text, "t.json", { seed: 9 });
    expect(task.protocol).toBe("ape-paper");
    expect(task.splits.test.map((e) => e.input)).toEqual(["in 2", "in 3", "in 4"]);
    expect(parseTask(JSON.stringify({ name: "t", examples: examples(3) }), "t.json").protocol).toBeUndefined();
  });

  it("refuses an unknown protocol, and ape-paper without each example's split", () => {
    expect(problems(JSON.stringify({ name: "t", protocol: "helm", examples: split(3) }))).toEqual([
      'protocol: unknown protocol "helm"; known protocols: ape-paper',
    ]);
    expect(problems(JSON.stringify({ name: "t", protocol: "ape-paper", examples: examples(3) }))).toEqual([
      'protocol: the ape-paper protocol keeps the source\'s own splits, so every example must name its "split" (demo, eval or test)',
    ]);
  });
});
