import { describe, expect, it } from "vitest";
import { parseJson } from "../../src/task/json-syntax.js";

function problem(text: string): string {
  const result = parseJson(text);
  if (result.ok) throw new Error("expected a syntax problem");
  const { line, column, message } = result.problem;
  return `${line}:${column} ${message}`;
}

describe("parseJson", () => {
  it("parses good JSON, ignoring a byte-order mark", () => {
    expect(parseJson('\uFEFF{"a": [1, "x"]}')).toEqual({ ok: true, value: { a: [1, "x"] }, duplicates: [] });
  });

  it("finds every key given twice in one object, with its path and place, where JSON.parse keeps only the last", () => {
    const text = '{"name": "t",\n "examples": [{"input": "a", "output": "b", "output": ""},\n {"input": "c", "\\u006fut": {"x": 1, "x": 2}}], "name": "u"}';
    const result = parseJson(text);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.duplicates).toEqual([
      { path: ["examples", 0, "output"], line: 2, column: 45 },
      { path: ["examples", 1, "out", "x"], line: 3, column: 38 },
      { path: ["name"], line: 3, column: 49 },
    ]);
    expect(parseJson('{"a": {"b": 1}, "c": {"b": 2}, "d": [{"b": 1}, {"b": 1}]}')).toMatchObject({ duplicates: [] });
  });

  it("says where malformed JSON goes wrong and what was expected", () => {
    expect(problem('{"a": 1,}')).toBe('1:9 expected a property name in double quotes, found "}"');
    expect(problem('{\n  "a": [1, 2\n}')).toBe('3:1 expected "," or "]", found "}"');
    expect(problem('{"a": "line\nbreak"}')).toBe("1:12 control character inside a string (use \\n, \\t …)");
    expect(problem('{"a": "\\q"}')).toBe('1:9 expected a valid escape, found "q"');
    expect(problem('{"a": "open')).toBe("1:12 unterminated string");
    expect(problem('{"a": tru}')).toBe('1:10 expected "true", found "}"');
    expect(problem("{} {}")).toBe('1:4 expected end of input, found "{"');
    expect(problem("")).toBe("1:1 expected a value, found end of input");
  });

  it("copes with very deep nesting", () => {
    const deep = "[".repeat(100_000);
    expect(problem(deep)).toMatch(/^1:\d+ /);
    const valid = `${"[".repeat(100_000)}{"k": 1, "k": 2}${"]".repeat(100_000)}`;
    expect(parseJson(valid)).toMatchObject({ ok: true, duplicates: [{ line: 1, column: 100_010 }] });
  });
});
