/**
 * Parse JSON and, when it is malformed, say where: `line:column` and what was expected. Node's
 * own messages differ between versions and sometimes give no position, so the position comes from
 * a small scanner of our own that runs only after `JSON.parse` has failed.
 */

/** Where and why a JSON text is malformed. */
export interface JsonSyntaxProblem {
  /** 1-based line. */
  readonly line: number;
  /** 1-based column. */
  readonly column: number;
  readonly message: string;
}

/** The parsed value, or the first syntax problem. */
export type JsonParseResult = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly problem: JsonSyntaxProblem };

/** Parse `text` (a leading byte-order mark is ignored). */
export function parseJson(text: string): JsonParseResult {
  const body = text.startsWith("\uFEFF") ? text.slice(1) : text;
  try {
    return { ok: true, value: JSON.parse(body) as unknown };
  } catch {
    const { offset, message } = findSyntaxError(body);
    return { ok: false, problem: { ...lineColumn(body, offset), message } };
  }
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

/** Scan `text` as JSON and report the first place it goes wrong. */
function findSyntaxError(text: string): { offset: number; message: string } {
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
    const match = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(at));
    if (!match) fail("a value");
    at += match?.[0].length ?? 0;
  };
  /** After `{` or `[` (or a member and its comma): true, past it, when `close` comes next. */
  const closes = (close: string): boolean => {
    space();
    if (text[at] !== close) return false;
    at++;
    return true;
  };
  /** After a member: true past `close`, false past a comma; anything else is an error. */
  const ends = (close: string): boolean => {
    if (closes(close)) return true;
    if (text[at] !== ",") fail(`"," or "${close}"`);
    at++;
    return false;
  };
  const value = (): void => {
    space();
    const ch = text[at];
    if (ch === "{") {
      at++;
      if (closes("}")) return;
      do {
        space();
        if (text[at] !== '"') fail("a property name in double quotes");
        string();
        space();
        if (text[at] !== ":") fail('":"');
        at++;
        value();
      } while (!ends("}"));
    } else if (ch === "[") {
      at++;
      if (closes("]")) return;
      do value();
      while (!ends("]"));
    } else if (ch === '"') string();
    else if (ch === "t") literal("true");
    else if (ch === "f") literal("false");
    else if (ch === "n") literal("null");
    else if (ch === "-" || (ch !== undefined && ch >= "0" && ch <= "9")) number();
    else fail("a value");
  };
  try {
    value();
    space();
    if (at < text.length) fail("end of input");
    // JSON.parse failed but the scanner found nothing: keep a position anyway.
    return { offset: 0, message: "not valid JSON" };
  } catch (error) {
    if (error instanceof Stop) return { offset: error.offset, message: error.message };
    // Deep nesting overflows the scanner's stack; JSON.parse already said the text is bad.
    return { offset: at, message: "not valid JSON (nested too deeply)" };
  }
}
