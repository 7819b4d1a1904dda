import { describe, expect, it } from "vitest";
import { echoEvidence, fimEvidence, infillEvidence, samplesEvidence, samplesLimit, suffixEvidence } from "../../../src/model/openai/probe-evidence.js";
import { refused, type Outcome } from "../../../src/model/openai/probe-ask.js";

const ok = (body: unknown): Outcome => ({ ok: true, body });
const completion = (text: string, promptTokens: number, logprobs: unknown = null): Outcome =>
  ok({ choices: [{ index: 0, text, logprobs }], usage: { prompt_tokens: promptTokens, completion_tokens: 1 } });

describe("echo counts only when the prompt comes back with log-probs", () => {
  const standard = { tokens: ["Hello", " world"], token_logprobs: [null, -1.5], text_offset: [0, 5] };
  it("vLLM's answer: yes", () => {
    expect(echoEvidence(completion("Hello world", 2, standard), undefined, "Hello world").yes).toBe(true);
  });
  it("llama.cpp's 200 with only the generated token, chat-shaped: no, and says it was ignored", () => {
    const chatShaped = { content: [{ id: 256, token: " positive", bytes: [], logprob: -1.3, top_logprobs: [] }] };
    const f = echoEvidence(completion(" positive", 7, chatShaped), undefined, "Hello world");
    expect(f).toMatchObject({ yes: false, why: expect.stringMatching(/ignored/) });
  });
  it("a refusal of any status: no, with the server's words", () => {
    expect(echoEvidence(refused(500, "Only no echo is supported"), undefined, "Hello world").why).toMatch(/500 "Only no echo is supported"/);
  });
  it("SGLang: max_tokens 0 refused, the max_tokens 1 echo read instead (generated token past the prompt)", () => {
    const sglang = { tokens: ["Hello", " world", "!"], token_logprobs: [null, -1.5, -0.2], text_offset: [-1, -1, -1] };
    const f = echoEvidence(refused(400, "max_tokens must be positive"), completion("Hello world!", 2, sglang), "Hello world");
    expect(f).toMatchObject({ yes: true, why: expect.stringMatching(/max_tokens 1/) });
  });
});

describe("lists and n count only as separate answers", () => {
  it("two choices, or an array of two completions: yes", () => {
    expect(
      samplesEvidence(
        ok({
          choices: [
            { index: 0, text: "a" },
            { index: 1, text: "b" },
          ],
        }),
        2,
        "n: 2",
      ).yes,
    ).toBe(true);
    const array = ok([{ choices: [{ index: 0, text: "a" }] }, { choices: [{ index: 0, text: "b" }] }]);
    expect(samplesEvidence(array, 2, "a list").why).toMatch(/array/);
  });
  it("one choice for n: 2 (Ollama drops n): no", () => {
    expect(samplesEvidence(ok({ choices: [{ index: 0, text: "a" }] }), 2, "n: 2")).toMatchObject({ yes: false, why: expect.stringMatching(/ignored/) });
  });
});

describe("a suffix counts only when it costs prompt tokens", () => {
  it("usage grows: yes; usage the same (llama.cpp, SGLang ignore it): no", () => {
    expect(suffixEvidence(completion("x", 7), completion("x", 20)).yes).toBe(true);
    expect(suffixEvidence(completion("x", 7), completion("x", 7))).toMatchObject({ yes: false, why: expect.stringMatching(/ignored/) });
    expect(suffixEvidence(completion("x", 7), refused(400, "suffix is not currently supported")).yes).toBe(false);
  });
});

describe("/infill and FIM", () => {
  it("/infill counts when it answers with content; 501 is a no", () => {
    expect(infillEvidence(ok({ content: "x", tokens_predicted: 1 })).yes).toBe(true);
    expect(infillEvidence(refused(501, "Infill is not supported by this model")).yes).toBe(false);
  });
  it("markers are FIM tokens when doubling them adds exactly three tokens", () => {
    const f = fimEvidence([ok({ tokens: [1, 897, 898, 899] }), ok({ tokens: [1, 897, 898, 899, 897, 898, 899] })]);
    expect(f.tokens?.prefix).toBe("<|fim_prefix|>");
    // vLLM's /tokenize answers with a count.
    expect(fimEvidence([ok({ count: 4, tokens: [] }), ok({ count: 7, tokens: [] })]).yes).toBe(true);
  });
  it("markers spelled out in many tokens, or no /tokenize route: no FIM", () => {
    const many = fimEvidence([
      ok({ tokens: new Array(15).fill(3) }),
      ok({ tokens: new Array(30).fill(3) }),
      refused(404, "Not Found"),
      refused(404, "Not Found"),
    ]);
    expect(many.tokens).toBeUndefined();
    expect(fimEvidence([refused(404, "Not Found"), refused(404, "Not Found")]).why).toMatch(/404/);
  });
});

describe("the most samples a request may ask for", () => {
  it("is llama.cpp's slot count from /props, and no limit where /props says nothing usable", () => {
    expect(samplesLimit(ok({ total_slots: 4, model_path: "m.gguf" }))).toBe(4);
    expect(samplesLimit(ok({ total_slots: 0 }))).toBe(Number.POSITIVE_INFINITY);
    expect(samplesLimit(ok({ detail: "Not Found" }))).toBe(Number.POSITIVE_INFINITY);
    expect(samplesLimit(refused(404, "Not Found"))).toBe(Number.POSITIVE_INFINITY);
  });
});
