import { describe, expect, it } from "vitest";
import { nestFlatError } from "../../../src/model/openai/flat-error.js";

describe("nestFlatError", () => {
  it("wraps SGLang's flat error so the server's words reach the message", () => {
    const flat = JSON.stringify({ object: "error", message: "max_tokens must be positive", type: "BadRequestError", param: null, code: 400 });
    expect(JSON.parse(nestFlatError(flat))).toEqual({ error: JSON.parse(flat) });
  });
  it("leaves nested errors, other JSON and non-JSON text alone", () => {
    for (const text of ['{"error":{"message":"x"}}', "[1,2]", "not json", '{"detail":"x"}']) expect(nestFlatError(text)).toBe(text);
  });
});
