import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { csvField, toCsv } from "../../src/report/csv.js";

describe("CSV", () => {
  it("quotes only what needs it and round-trips through a CSV parser", () => {
    expect(csvField("plain")).toBe("plain");
    expect(csvField(null)).toBe("");
    expect(csvField(0.5)).toBe("0.5");
    expect(csvField('say "hi", then\nleave')).toBe('"say ""hi"", then\nleave"');
    const rows = [
      { a: 'x, "y"', b: " padded ", c: null },
      { a: "line\r\nbreak", b: "é", c: true },
    ];
    const back = parse(toCsv(["a", "b", "c"], rows), { columns: true }) as Record<string, string>[];
    expect(back).toEqual([
      { a: 'x, "y"', b: " padded ", c: "" },
      { a: "line\r\nbreak", b: "é", c: "true" },
    ]);
  });
});
