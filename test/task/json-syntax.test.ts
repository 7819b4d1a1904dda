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
    expect(parseJson('\uFEFF{"a": [1, "x"]}')).toEqual({ ok: true, value: { a: [1, "x"] } });
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
  });
});
