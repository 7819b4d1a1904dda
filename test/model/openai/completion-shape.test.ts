import { describe, expect, it } from "vitest";
import { readCompletion, shortOf } from "../../../src/model/openai/completion-shape.js";

describe("readCompletion reads both list answers", () => {
  it("one object with a choice per prompt (vLLM, current llama.cpp), in index order", () => {
    const a = readCompletion({
      choices: [
        { index: 1, text: "b" },
        { index: 0, text: "a" },
      ],
      usage: { prompt_tokens: 7, completion_tokens: 2 },
    });
    expect(a?.choices.map((c) => c.text)).toEqual(["a", "b"]);
    expect(a?.usage).toEqual({ promptTokens: 7, completionTokens: 2 });
    expect(a?.array).toBe(false);
  });

  it("an array of completion objects (llama.cpp 2025): answers numbered across objects, usage summed", () => {
    const a = readCompletion([
      { choices: [{ index: 0, text: "first" }], usage: { prompt_tokens: 3, completion_tokens: 1 } },
      { choices: [{ index: 0, text: "second" }], usage: { prompt_tokens: 4, completion_tokens: 2 } },
    ]);
    expect(a?.choices).toEqual([
      { index: 0, text: "first", logprobs: undefined },
      { index: 1, text: "second", logprobs: undefined },
    ]);
    expect(a?.usage).toEqual({ promptTokens: 7, completionTokens: 3 });
    expect(a?.array).toBe(true);
  });

  it("an array whose choices are numbered by prompt already (llama.cpp 2025 server.cpp) keeps those numbers", () => {
    const a = readCompletion([
      { choices: [{ index: 0, text: "first" }], usage: { prompt_tokens: 3, completion_tokens: 1 } },
      { choices: [{ index: 1, text: "second" }], usage: { prompt_tokens: 4, completion_tokens: 2 } },
    ]);
    expect(a?.choices.map((c) => [c.index, c.text])).toEqual([
      [0, "first"],
      [1, "second"],
    ]);
  });

  it("chat answers, and refuses what is neither shape", () => {
    expect(readCompletion({ choices: [{ index: 0, message: { content: "hi" } }] })?.choices[0]?.text).toBe("hi");
    expect(readCompletion({ error: { message: "no" } })).toBeUndefined();
    expect(readCompletion([{ choices: [{ index: 0, text: "a" }] }, { nope: 1 }])).toBeUndefined();
  });
});

describe("shortOf: an answer that is not whole is a fault", () => {
  const answer = (choices: unknown[]) => {
    const a = readCompletion({ choices });
    if (!a) throw new Error("unreadable");
    return a;
  };

  it("accepts every choice asked, an empty text included (the model may stop at once)", () => {
    expect(
      shortOf(
        answer([
          { index: 0, text: "", finish_reason: "stop" },
          { index: 1, text: "b" },
        ]),
        2,
      ),
    ).toBeUndefined();
  });

  it("refuses `choices: []`, fewer choices than asked, and choices numbered past the end", () => {
    expect(shortOf(answer([]), 2)).toBe("0 choice(s) where 2 were asked");
    expect(shortOf(answer([{ index: 0, text: "a" }]), 2)).toBe("1 choice(s) where 2 were asked");
    expect(
      shortOf(
        answer([
          { index: 0, text: "a" },
          { index: 5, text: "b" },
        ]),
        2,
      ),
    ).toBe("a choice numbered 5 where 2 were asked");
  });

  it("a choice without its text makes the whole body unreadable; a chat `content: null` reads only beside a refusal", () => {
    expect(readCompletion({ choices: [{ index: 0, finish_reason: "stop" }] })).toBeUndefined();
    expect(readCompletion({ choices: [{ index: 0, message: { role: "assistant", content: null } }] })).toBeUndefined();
    expect(
      readCompletion({ choices: [{ index: 0, message: { role: "assistant", content: null, refusal: "I can't help with that." } }] })?.choices[0]?.text,
    ).toBe("");
  });
});
