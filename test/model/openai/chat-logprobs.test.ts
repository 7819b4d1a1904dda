import { describe, expect, it } from "vitest";
import { answerTokens, chatLogprobParams, promptTokens } from "../../../src/model/openai/chat-logprobs.js";

describe("reading vLLM's prompt_logprobs on the chat route", () => {
  it("asks for the answer as the start of the assistant's reply, continued, with no generation prompt", () => {
    expect(chatLogprobParams("m", [{ role: "system", content: "Be brief." }], "cold")).toMatchObject({
      messages: [
        { role: "system", content: "Be brief." },
        { role: "assistant", content: "cold" },
      ],
      add_generation_prompt: false,
      continue_final_message: true,
      prompt_logprobs: 1,
    });
  });

  it("takes each position's own token: the only one listed, or the one beside the most likely (rank 1)", () => {
    const body = {
      prompt_logprobs: [
        null,
        { "12": { logprob: -0.2, rank: 1, decoded_token: "Hi" } },
        { "7": { logprob: -0.1, rank: 1, decoded_token: " there" }, "99": { logprob: -3.5, rank: 4, decoded_token: " cold" } },
      ],
    };
    expect(promptTokens(body)).toEqual([
      { text: "Hi", logprob: -0.2 },
      { text: " cold", logprob: -3.5 },
    ]);
    expect(promptTokens({ choices: [] })).toBeUndefined();
    expect(promptTokens({ prompt_logprobs: [null, { "1": { logprob: "x" } }] })).toBeUndefined();
  });

  it("scores the prompt's last tokens that spell the answer, and nothing when the prompt does not end with it", () => {
    const tokens = [
      { text: "assistant", logprob: -1 },
      { text: "\n", logprob: -1 },
      { text: "co", logprob: -2 },
      { text: "ld", logprob: -0.5 },
    ];
    expect(answerTokens(tokens, "cold")).toEqual(tokens.slice(2));
    // A token that straddles the reply's start is scored with it.
    expect(answerTokens(tokens, "d")).toEqual(tokens.slice(3));
    expect(answerTokens([{ text: "\ncold", logprob: -3 }], "cold")).toEqual([{ text: "\ncold", logprob: -3 }]);
    expect(answerTokens(tokens, "warm")).toBeUndefined();
    expect(answerTokens(tokens, "longer than the whole prompt")).toBeUndefined();
  });
});
