import { APIConnectionError, APIError } from "openai";
import { describe, expect, it } from "vitest";
import { ConnectionError, EXIT, ModelError } from "../../../src/errors.js";
import { toApeError } from "../../../src/model/openai/errors.js";

const URL_ = "http://127.0.0.1:8080/v1";

/** What the `openai` client throws for an error answer with this status and body. */
function answered(status: number, body: Record<string, unknown>): APIError {
  return APIError.generate(status, body, undefined, new Headers());
}

describe("toApeError", () => {
  // The llama.cpp body is the real llama-server's (build 10587; test/real-servers sees it too); the
  // others are the messages vLLM, OpenAI and SGLang write for the same fault, as their sources word them.
  const tooLong = [
    [
      "llama.cpp",
      {
        code: 400,
        message: "request (701 tokens) exceeds the available context size (512 tokens), try increasing it",
        type: "exceed_context_size_error",
        n_prompt_tokens: 701,
        n_ctx: 512,
      },
    ],
    [
      "vLLM",
      {
        message: "This model's maximum context length is 4096 tokens. However, you requested 5012 tokens (4964 in the messages, 48 in the completion).",
        type: "BadRequestError",
      },
    ],
    ["OpenAI", { message: "This model's maximum context length is 128000 tokens.", code: "context_length_exceeded" }],
    ["SGLang", { message: "The input (5000 tokens) is longer than the model's context length (4096 tokens)." }],
  ] as const;
  for (const [server, body] of tooLong) {
    it(`says what to do when a prompt is longer than the context (${server}'s words)`, () => {
      const e = toApeError(answered(400, { error: body }), URL_, "m", []);
      expect(e).toBeInstanceOf(ModelError);
      expect(e.exitCode).toBe(EXIT.model);
      expect((e as ModelError).transient).toBe(false);
      expect(e.message).toContain(`${URL_}: a prompt does not fit the model's context (the server answered 400: ${body.message})`);
      expect(e.message).toContain("Show fewer demos (demos: a new run)");
      expect(e.message).toContain("--max-model-len");
    });
  }

  it("keeps other 400s as the server's words, and 5xx and 429 as worth retrying", () => {
    const bad = toApeError(answered(400, { error: { message: "Field 'n': Value must be between 1 <= value <= 2, but got 4" } }), URL_, "m", []);
    expect(bad.message).toBe(`${URL_}: the server answered 400: Field 'n': Value must be between 1 <= value <= 2, but got 4`);
    expect((toApeError(answered(503, { error: { message: "Loading model" } }), URL_, "m", []) as ModelError).transient).toBe(true);
    expect((toApeError(answered(429, { error: { message: "slow down" } }), URL_, "m", []) as ModelError).transient).toBe(true);
  });

  it("names the model on a 404 and the key on a 401, and a dropped connection as ConnectionError", () => {
    expect(toApeError(answered(404, { error: { message: "model not found" } }), URL_, "qwen", []).message).toContain('not found (404) for model "qwen"');
    expect(toApeError(answered(401, { error: { message: "invalid key" } }), URL_, "m", []).message).toContain("Set apiKey to a valid key");
    expect(toApeError(new APIConnectionError({ message: "Connection error." }), URL_, "m", [])).toBeInstanceOf(ConnectionError);
  });

  it("scrubs the key a server quotes (OpenAI's 401, a proxy echoing the header) and keeps no cause holding it", () => {
    const key = "sk-proj-abc12DEF34ghi56JKL78mno90wxyz";
    const openai = toApeError(
      answered(401, {
        error: {
          message:
            "Incorrect API key provided: sk-proj-***************************wxyz. You can find your API key at https://platform.openai.com/account/api-keys.",
          code: "invalid_api_key",
        },
      }),
      URL_,
      "m",
      [key],
    ) as ModelError;
    const proxy = toApeError(answered(502, { error: { message: `upstream failed for request with headers {"authorization": "Bearer ${key}"}` } }), URL_, "m", [
      key,
    ]) as ModelError;
    for (const e of [openai, proxy]) {
      expect(`${e.message} ${e.serverMessage}`).not.toMatch(/abc12|wxyz|sk-proj/);
      expect(e.cause).toBeUndefined();
    }
    expect(openai.message).toContain("Incorrect API key provided: [redacted]. You can find your API key at https://platform.openai.com/account/api-keys.");
    expect(proxy.message).toContain('"authorization": "Bearer [redacted]"');
  });
});
