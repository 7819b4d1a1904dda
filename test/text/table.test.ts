import { describe, expect, it } from "vitest";
import { rawControls } from "../support/control-chars.js";
import { table } from "../../src/text/table.js";

describe("table", () => {
  it("escapes control characters in cells before measuring them, so columns stay aligned", () => {
    const text = table(
      [{ header: "instruction" }, { header: "score", align: "right" }, { header: "origin" }],
      [
        ["Say \u001b[31mred\u001b[0m\u202e", "0.500", "forward"],
        ["Plain.", "1.000", "reverse"],
      ],
    );
    const lines = text.trimEnd().split("\n");
    expect(lines[1]).toContain("Say \\u001b[31mred\\u001b[0m\\u202e");
    expect(rawControls(text)).toEqual([]);
    const column = (line: string | undefined): number => line?.search(/forward|reverse|origin/) ?? -1;
    expect(new Set(lines.map(column)).size).toBe(1);
  });

  it("cuts a long cell with an ellipsis, never in the middle of an escape", () => {
    const text = table([{ header: "x", max: 8 }], [["abcd\u001b[2Jefgh"]]);
    expect(text.split("\n")[1]).toBe("abcd…");
  });
});

describe("table with wide characters", () => {
  it("aligns columns by terminal width: CJK and emoji take two columns, combining marks none", () => {
    const text = table(
      [{ header: "instruction" }, { header: "test", align: "right" }],
      [
        ["把这个词翻译成英文。", "0.900"],
        ["Translate 🙂 this.", "0.500"],
        ["Cafe\u0301 au lait.", "0.250"],
      ],
    );
    const lines = text.trimEnd().split("\n");
    // Every line ends its last column at the same terminal column.
    const widths = lines.map((l) =>
      [...new Intl.Segmenter().segment(l)].reduce((w, { segment }) => w + (/[\u4e00-\u9fff\u3002]|\p{Extended_Pictographic}/u.test(segment) ? 2 : 1), 0),
    );
    expect(new Set(widths).size).toBe(1);
    expect(lines[1]).toBe("把这个词翻译成英文。  0.900");
  });

  it("cuts a wide cell by columns, never half a character", () => {
    const text = table([{ header: "x", max: 7 }], [["翻译成英文吧"]]);
    expect(text.split("\n")[1]).toBe("翻译成…");
  });
});
