/**
 * Parse JSON and, when it is malformed, say where: `line:column` and what was expected. Node's
 * own messages differ between versions and sometimes give no position, so the position comes from
 * a small scanner of our own. The same scanner finds keys given twice in one object, which
 * `JSON.parse` accepts silently (the last one wins).
 */

/** Where and why a JSON text is malformed. */
export interface JsonSyntaxProblem {
  /** 1-based line. */
  readonly line: number;
  /** 1-based column. */
  readonly column: number;
  readonly message: string;
}

/** A key given twice in one object: JSON.parse keeps the last value and silently drops the first. */
export interface DuplicateKey {
  /** Where the repeated key sits: the object's path and the key (`["examples", 3, "output"]`). */
  readonly path: readonly (string | number)[];
  /** 1-based line and column of the second (or later) occurrence. */
  readonly line: number;
  readonly column: number;
}

/** The parsed value (with any keys given twice), or the first syntax problem. */
export type JsonParseResult =
  | { readonly ok: true; readonly value: unknown; readonly duplicates: readonly DuplicateKey[] }
  | { readonly ok: false; readonly problem: JsonSyntaxProblem };

/** Parse `text` (a leading byte-order mark is ignored). */
export function parseJson(text: string): JsonParseResult {
  const body = text.startsWith("\uFEFF") ? text.slice(1) : text;
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    const { offset, message } = scan(body).problem ?? { offset: 0, message: "not valid JSON" };
    return { ok: false, problem: { ...lineColumn(body, offset), message } };
  }
  const duplicates = scan(body).duplicates.map((d) => ({ path: d.path, ...lineColumn(body, d.offset) }));
  return { ok: true, value, duplicates };
}

/** 1-based line and column of a character offset. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text[i] === "\n") {
      line++;
      start = i + 1;
    }
  }
  return { line, column: offset - start + 1 };
}

class Stop {
  constructor(
    readonly offset: number,
    readonly message: string,
  ) {}
}

function describe(text: string, at: number): string {
  const ch = text[at];
  return ch === undefined ? "end of input" : `${JSON.stringify(ch)}`;
}

/** An object or list the scanner is inside: the keys seen so far and the member being read. */
type Frame = { readonly kind: "object"; readonly keys: Set<string>; key: string } | { readonly kind: "array"; index: number };

const NUMBER = /-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/y;

/**
 * Scan `text` as JSON: the first place it goes wrong, and every key given twice in one object.
 * Iterative (an explicit stack), so nesting as deep as JSON.parse takes never overflows.
 */
function scan(text: string): { problem?: { offset: number; message: string }; duplicates: { path: (string | number)[]; offset: number }[] } {
  const duplicates: { path: (string | number)[]; offset: number }[] = [];
  const stack: Frame[] = [];
  let at = 0;
  const fail = (expected: string): never => {
    throw new Stop(at, `expected ${expected}, found ${describe(text, at)}`);
  };
  const space = (): void => {
    while (at < text.length && " \t\n\r".includes(text[at] ?? "")) at++;
  };
  const literal = (word: string): void => {
    for (const ch of word) {
      if (text[at] !== ch) fail(`"${word}"`);
      at++;
    }
  };
  const string = (): void => {
    at++; // opening quote
    for (;;) {
      const ch = text[at];
      if (ch === undefined) throw new Stop(at, "unterminated string");
      if (ch === '"') {
        at++;
        return;
      }
      if (ch < " ") throw new Stop(at, "control character inside a string (use \\n, \\t …)");
      if (ch === "\\") {
        at++;
        const esc = text[at];
        if (esc === "u") {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(at + 1, at + 5))) fail("four hex digits after \\u");
          at += 5;
        } else if (esc !== undefined && '"\\/bfnrt'.includes(esc)) at++;
        else fail("a valid escape");
      } else at++;
    }
  };
  const number = (): void => {
    NUMBER.lastIndex = at;
    const match = NUMBER.exec(text);
    if (!match) fail("a value");
    at += match?.[0].length ?? 0;
  };
  /** A member's key and its colon; a key the object already has is recorded. */
  const key = (frame: Frame & { kind: "object" }): void => {
    space();
    if (text[at] !== '"') fail("a property name in double quotes");
    const start = at;
    string();
    const name = JSON.parse(text.slice(start, at)) as string;
    if (frame.keys.has(name)) duplicates.push({ path: [...stack.map((f) => (f.kind === "object" ? f.key : f.index)).slice(0, -1), name], offset: start });
    frame.keys.add(name);
    frame.key = name;
    space();
    if (text[at] !== ":") fail('":"');
    at++;
  };
  /** Read one value's start: a scalar whole, or the opening of an object or list (true: a member follows). */
  const open = (): boolean => {
    space();
    const ch = text[at];
    if (ch === "{" || ch === "[") {
      at++;
      space();
      if (text[at] === (ch === "{" ? "}" : "]")) {
        at++;
        return false;
      }
      const frame: Frame = ch === "{" ? { kind: "object", keys: new Set(), key: "" } : { kind: "array", index: 0 };
      stack.push(frame);
      if (frame.kind === "object") key(frame);
      return true;
    }
    if (ch === '"') string();
    else if (ch === "t") literal("true");
    else if (ch === "f") literal("false");
    else if (ch === "n") literal("null");
    else if (ch === "-" || (ch !== undefined && ch >= "0" && ch <= "9")) number();
    else fail("a value");
    return false;
  };
  try {
    for (;;) {
      if (open()) continue;
      // After a value: close the containers it ends, or go on past a comma to the next member.
      let next = false;
      while (!next) {
        const frame = stack[stack.length - 1];
        if (!frame) break;
        space();
        const close = frame.kind === "object" ? "}" : "]";
        if (text[at] === close) {
          at++;
          stack.pop();
        } else if (text[at] === ",") {
          at++;
          if (frame.kind === "object") key(frame);
          else frame.index++;
          next = true;
        } else fail(`"," or "${close}"`);
      }
      if (!next) break;
    }
    space();
    if (at < text.length) fail("end of input");
    return { duplicates };
  } catch (error) {
    if (error instanceof Stop) return { problem: { offset: error.offset, message: error.message }, duplicates };
    throw error;
  }
}
