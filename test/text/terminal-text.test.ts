import { describe, expect, it } from "vitest";
import { terminalText } from "../../src/text/terminal-text.js";

describe("terminalText", () => {
  it("writes C0 control characters (but tab and newline) as JSON does, CR included", () => {
    expect(terminalText("a\u0000b")).toBe("a\\u0000b");
    expect(terminalText("\u0007bell")).toBe("\\u0007bell");
    expect(terminalText("red\u001b[31m!\u001b[0m")).toBe("red\\u001b[31m!\\u001b[0m");
    expect(terminalText("\u001b]0;title\u0007")).toBe("\\u001b]0;title\\u0007");
    expect(terminalText("done\rfake")).toBe("done\\rfake");
    expect(terminalText("x\by\fz\u000bw\u001f")).toBe("x\\by\\fz\\u000bw\\u001f");
  });

  it("escapes DEL and every C1 character (U+0080–U+009F), including the one-character CSI", () => {
    expect(terminalText("del\u007f")).toBe("del\\u007f");
    expect(terminalText("\u0080\u0085\u009b2J\u009f")).toBe("\\u0080\\u0085\\u009b2J\\u009f");
  });

  it("escapes the bidi controls, so text cannot reorder what follows it", () => {
    const bidi = "\u061c \u200e \u200f \u202a \u202b \u202c \u202d \u202e \u2066 \u2067 \u2068 \u2069";
    expect(terminalText(bidi)).toBe(String.raw`\u061c \u200e \u200f \u202a \u202b \u202c \u202d \u202e \u2066 \u2067 \u2068 \u2069`);
  });

  it("keeps tab, newline and ordinary Unicode exactly as they are", () => {
    const plain = "tab\there\nnext line · é, e\u0301, 中文, Ελληνικά, עברית, العربية, 👍🏽, 👩\u200d💻, no\u00a0break, \u202f, \u2028";
    expect(terminalText(plain)).toBe(plain);
    expect(terminalText("")).toBe("");
  });

  it("leaves JSON valid, with the same values, when it is applied to JSON text", () => {
    const value = { text: "a\u0000\u001b[2J\r\u007f\u009b\u202e\t\n中 \\u001b", n: 1 };
    const shown = terminalText(JSON.stringify(value, null, 2));
    expect(shown).not.toMatch(/[\u007f-\u009f\u202e]/);
    expect(JSON.parse(shown)).toEqual(value);
  });
});
