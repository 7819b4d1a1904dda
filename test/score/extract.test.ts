import { describe, expect, it } from "vitest";
import { extractAnswer } from "../../src/score/extract.js";

describe("extractAnswer", () => {
  it("gives the whole answer without an extraction", () => {
    expect(extractAnswer(" Cold.\nBecause", undefined)).toEqual({ ok: true, text: " Cold.\nBecause" });
  });

  it("takes a regex's first group, or its whole match when it has none", () => {
    expect(extractAnswer("Label: positive\nReason: upbeat", { regex: "Label: (\\w+)" })).toEqual({ ok: true, text: "positive" });
    expect(extractAnswer("it is 42 or so", { regex: "\\d+" })).toEqual({ ok: true, text: "42" });
    expect(extractAnswer("no label here", { regex: "Label: (\\w+)" })).toEqual({ ok: false, feedback: 'no match for answer.extract.regex "Label: (\\\\w+)"' });
  });

  it("reads a field of the JSON in the answer: whole, fenced, or amid prose", () => {
    const path = { json: "result.label" };
    expect(extractAnswer('{"result": {"label": "pos"}}', path)).toEqual({ ok: true, text: "pos" });
    expect(extractAnswer('Here:\n```json\n{"result": {"label": "neg"}}\n```\nDone.', path)).toEqual({ ok: true, text: "neg" });
    expect(extractAnswer('Sure! {"result": {"label": 3}} hope it helps', path)).toEqual({ ok: true, text: "3" });
    expect(extractAnswer('{"items": [{"name": "a"}, {"name": "b"}]}', { json: "items.1.name" })).toEqual({ ok: true, text: "b" });
    expect(extractAnswer('{"result": {"label": ["x", "y"]}}', path)).toEqual({ ok: true, text: '["x","y"]' });
  });

  it("says what is missing when there is no JSON, or no such field", () => {
    expect(extractAnswer("positive", { json: "label" })).toEqual({ ok: false, feedback: "no JSON object in the answer (answer.extract.json)" });
    expect(extractAnswer('{"result": {}}', { json: "result.label" })).toEqual({ ok: false, feedback: 'the answer\'s JSON has no "result.label"' });
  });
});
