import { describe, expect, it } from "vitest";
import { rawControls } from "../support/control-chars.js";
import { table } from "../../src/report/table.js";

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
