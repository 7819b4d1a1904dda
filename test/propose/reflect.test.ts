import { describe, expect, it } from "vitest";
import type { Gateway } from "../../src/gateway/gateway.js";
import type { GenerateRequest } from "../../src/model/types.js";
import { mergeProposer } from "../../src/propose/merge.js";
import type { Parent, ProposalAsk } from "../../src/propose/proposer.js";
import { reflectProposer } from "../../src/propose/reflect.js";
import { cleanReply } from "../../src/propose/reply.js";
import { feedbackOf, gradedOf } from "../../src/search/evidence.js";
import type { Example, Task } from "../../src/task/types.js";

const examples: Example[] = ["hot", "up", "big", "wet"].map((input, i) => ({ id: String(i), input, outputs: [["cold", "down", "small", "dry"][i] ?? ""] }));
const context = { task: {} as Task, demos: 5, seed: 1 };
const routes = { completions: true, fill: [] } as const;

/** A proposer Gateway that records what it is sent and answers every sample with `reply`. */
function recording(reply: string): { gateway: Gateway; sent: GenerateRequest[] } {
  const sent: GenerateRequest[] = [];
  const gateway = {
    capabilities: async () => ({ completions: true, fill: [] }),
    generate: async (requests: readonly GenerateRequest[]) => {
      sent.push(...requests);
      return requests.map((r) => ({ texts: Array<string>(r.n).fill(reply), usage: { promptTokens: 0, completionTokens: 0 } }));
    },
  } as unknown as Gateway;
  return { gateway, sent };
}

describe("reading an instruction out of a reply", () => {
  it.each([
    ["Say the opposite.", "Say the opposite."],
    [' "Say the opposite."', "Say the opposite."],
    ["Improved instruction: Say the opposite.", "Say the opposite."],
    ["Here is the improved instruction:\n\n```\nSay the opposite.\n```", "Say the opposite."],
    ["```text\nGive the antonym.\nOne word, lower case.\n```\nThis fixes the errors.", "Give the antonym.\nOne word, lower case."],
    ['"Give the antonym." It says what the task asks.', "Give the antonym."],
    ["**New instruction:** Give the antonym!!", "Give the antonym!"],
    ["Sure! Here's my revised instruction:\n“Give the antonym,\n\n\n   in one word.”", "Give the antonym,\n\nin one word."],
    ['"Hot" and "cold" are opposites: give the opposite.', '"Hot" and "cold" are opposites: give the opposite.'],
    ["Don't repeat the word; give its opposite.", "Don't repeat the word; give its opposite."],
  ])("%j → %j", (raw, clean) => {
    expect(cleanReply(raw)).toBe(clean);
  });
});

/** A scored example as the evaluator keeps it; `feedback` where the metric wrote some. */
function kept(candidateId: number, exampleId: string, output: string, score: number, feedback?: string) {
  const row = { exampleId, output, score, feedback: feedback ?? null };
  return { candidateId, row };
}

describe("the reflect proposer", () => {
  const rows = [
    kept(4, "0", "cold", 1),
    kept(4, "1", "pu", 0, "  The answer spells the input backwards.  "),
    kept(4, "2", "large", 0),
    kept(4, "3", "dry", 1, ""),
    kept(5, "1", "down", 1),
  ];
  const parent: Parent = { text: "Repeat the word.", graded: gradedOf(4, rows, examples) };
  const ask: ProposalAsk = { round: 1, subsets: 0, each: 2, parents: [parent] };

  it("shows the parent's failures with what it answered and the metric's feedback where a row has one", () => {
    const [call] = reflectProposer.requests(context, ask, routes);
    const prompt = call?.kind === "generate" && typeof call.request.prompt === "string" ? call.request.prompt : "";
    expect(prompt).toContain("Instruction:\nRepeat the word.\n");
    expect(prompt).toContain(
      "Examples it got wrong:\n\nInput: up\nExpected: down\nGot: pu\nFeedback: The answer spells the input backwards.\n\nInput: big\nExpected: small\nGot: large\n\n",
    );
    expect(prompt).toContain("Examples it got right:\n\nInput: hot\nExpected: cold\n\nInput: wet\nExpected: dry\n\n");
    expect(prompt.match(/Feedback:/g)).toHaveLength(1);
    expect(prompt.endsWith("Improved instruction:")).toBe(true);
  });

  it("reads feedback only where a row has some", () => {
    const withoutFeedback: { output: string; score: number; feedback?: string } = { output: "x", score: 0 };
    expect(feedbackOf(withoutFeedback)).toBeUndefined();
    expect(feedbackOf({ feedback: null })).toBeUndefined();
    expect(feedbackOf({ feedback: " \n" })).toBeUndefined();
    expect(feedbackOf({ feedback: " too long " })).toBe("too long");
  });

  it("sends exactly the requests it lists for the estimate, and keeps each child's parent and the examples shown", async () => {
    const { gateway, sent } = recording('Improved instruction: "Give the opposite of the word."');
    const proposals = await reflectProposer.propose({ ...context, proposer: gateway }, ask);
    expect(sent).toEqual(reflectProposer.requests(context, ask, routes).map((c) => (c.kind === "generate" ? c.request : undefined)));
    expect(sent[0]?.stop).toEqual(["\nInput:"]);
    expect(proposals.map((p) => p.text)).toEqual(["Give the opposite of the word.", "Give the opposite of the word."]);
    expect(proposals[0]?.parents).toEqual([
      {
        text: "Repeat the word.",
        shown: [
          { example: "1", score: 0, failed: true },
          { example: "2", score: 0, failed: true },
          { example: "0", score: 1, failed: false },
          { example: "3", score: 1, failed: false },
        ],
      },
    ]);
  });
});

describe("the merge proposer", () => {
  it("shows where each of two parents beats the other, and keeps both parents", async () => {
    const rows = [kept(1, "0", "cold", 1), kept(1, "1", "pu", 0), kept(2, "0", "toh", 0), kept(2, "1", "down", 1), kept(2, "2", "small", 1)];
    const a: Parent = { text: "Give the opposite.", graded: gradedOf(1, rows, examples) };
    const b: Parent = { text: "Name the antonym.", graded: gradedOf(2, rows, examples) };
    const { gateway, sent } = recording("Give the opposite, the antonym.");
    const proposals = await mergeProposer.propose({ ...context, proposer: gateway }, { round: 2, subsets: 0, each: 1, parents: [a, b] });
    expect(sent).toHaveLength(1);
    const prompt = sent[0]?.prompt ?? "";
    expect(prompt).toContain("Instruction A:\nGive the opposite.\n\nInstruction B:\nName the antonym.\n");
    expect(prompt).toContain("Examples A gets right and B gets wrong:\n\nInput: hot\nExpected: cold\n\n");
    // Example 2 is B's alone: A was never scored on it.
    expect(prompt).toContain("Examples B gets right and A gets wrong:\n\nInput: up\nExpected: down\n\n");
    expect(proposals.map((p) => [p.origin, p.text, p.parents?.map((l) => [l.text, l.shown])])).toEqual([
      [
        "merge",
        "Give the opposite, the antonym.",
        [
          ["Give the opposite.", [{ example: "0", score: 1, failed: false }]],
          ["Name the antonym.", [{ example: "1", score: 1, failed: false }]],
        ],
      ],
    ]);
    expect(await mergeProposer.propose({ ...context, proposer: gateway }, { round: 2, subsets: 0, each: 1, parents: [a] })).toEqual([]);
  });
});
