import { describe, expect, it } from "vitest";
import { ModelError } from "../src/errors.js";
import { REDACTED, scrubSecrets } from "../src/secrets.js";

describe("scrubSecrets", () => {
  const key = "my-vllm-secret-0123456789abcdef";

  it("removes a configured key, whole or by a recognisable fragment, wherever it stands", () => {
    expect(scrubSecrets(`x-api-key=${key}; retry`, [key])).toBe(`x-api-key=${REDACTED}; retry`);
    expect(scrubSecrets(`key ${key.slice(0, 12)}… was refused`, [key])).toBe(`key ${REDACTED} was refused`);
    expect(scrubSecrets(`token ends in …${key.slice(-10)}`, [key])).toBe(`token ends in ${REDACTED}`);
  });

  it("removes bearer credentials, sk-/hf_-shaped tokens and masked keys, whatever key was configured", () => {
    expect(scrubSecrets("Authorization: Bearer abc.def-ghi")).toBe(`Authorization: Bearer ${REDACTED}`);
    expect(scrubSecrets('{"authorization":"bearer dXNlcjpwYXNz"}')).toBe(`{"authorization":"bearer ${REDACTED}"}`);
    expect(scrubSecrets("Incorrect API key provided: sk-abc12***************wxyz.")).toBe(`Incorrect API key provided: ${REDACTED}.`);
    expect(scrubSecrets("key sk-proj-AbC_1-2 and hf_abcdefghijklmnop")).toBe(`key ${REDACTED} and ${REDACTED}`);
    expect(scrubSecrets("Incorrect API key provided: abcd****************wxyz")).toBe(`Incorrect API key provided: ${REDACTED}`);
  });

  it("leaves ordinary server text alone, and a short placeholder key where it is only part of a word", () => {
    const text = "A basic check: rate limit reached for task-sk model (tokens: 4096 * 2). Try again in 20s; see https://x.y/a_b";
    expect(scrubSecrets(text, ["EMPTY", "x"])).toBe(text);
    expect(scrubSecrets("key EMPTY refused; EMPTYING", ["EMPTY"])).toBe(`key ${REDACTED} refused; EMPTYING`);
  });

  it("is applied to every ModelError's message and server words", () => {
    const e = new ModelError("http://h/v1", `refused ${key}`, { serverMessage: `got Bearer ${key}`, secrets: [key, null] });
    expect(e.message).toBe(`http://h/v1: refused ${REDACTED}`);
    expect(e.serverMessage).toBe(`got Bearer ${REDACTED}`);
  });
});
