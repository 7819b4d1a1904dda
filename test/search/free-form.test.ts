/**
 * Free-form answers against the simulated vLLM server: the task's token limit and stop strings
 * reach the target, and its extraction picks what the metric scores (a JSON field, a regex group).
 */
import { describe, expect, it } from "vitest";
import { defineMetric } from "../../src/index.js";
import { readDb } from "../support/db.js";
import { BEST, WORLD } from "../support/sim/fixture.js";
import type { SimServer, SimWorld } from "../support/sim/index.js";
import { simServers } from "../support/sim/per-test.js";
import { writeWorldTask } from "../support/task-fixture.js";
import { tempDir } from "../support/temp.js";
import { prompts, requests, runSearch } from "./support.js";

const sims = simServers();

/** The fixture world, answering `wordN` with `answer(N)`. */
const answering = (answer: (n: string) => string): SimWorld => ({ ...WORLD, answers: (input) => answer(input.replace("word", "")) });

/** `[max_tokens, stop]` of every evaluation request the server was sent. */
function evalSettings(server: SimServer): Set<string> {
  const asked = requests(server, "/v1/completions", (b) => prompts(b).some((p) => p.startsWith("Instruction:") && p.endsWith("Output:")));
  return new Set(
    asked.map((r) => JSON.stringify(r.body && typeof r.body === "object" ? [Reflect.get(r.body, "max_tokens"), Reflect.get(r.body, "stop")] : [])),
  );
}

describe("a free-form task", () => {
  it("scores the JSON field its extraction names; without the extraction no answer scores", async () => {
    const server = await sims.start({ seed: 7, world: answering((n) => `{"label": "opposite-${n}", "why": "it means the reverse"}`) });
    const answer = { maxTokens: 64, extract: { json: "label" } };
    const { result } = await runSearch(server, "vllm:sim-model", { task: writeWorldTask(tempDir(), { answer }) });
    expect(result.winner?.text).toBe(BEST);
    expect(result.winner?.score).toBeGreaterThan(0.8);
    expect(evalSettings(server)).toEqual(new Set([JSON.stringify([64, ["\n"]])]));

    const whole = await runSearch(server, "vllm:sim-model", { task: writeWorldTask(tempDir()) });
    expect(Math.max(...whole.result.candidates.map((c) => c.score ?? 0))).toBe(0);
  });

  it("stops where its stop strings say, and gives a metric of yours the extracted text as it is", async () => {
    const server = await sims.start({
      seed: 7,
      world: answering((n) => `Answer: opposite-${n}\nReason: it means the reverse of word${n}.\n\nInput: word${n}`),
    });
    const answer = { maxTokens: 100, stop: ["\n\n"], extract: { regex: "Answer: (\\S+)" } };
    const seen: string[] = [];
    const metric = defineMetric({
      name: "same",
      version: "1",
      score: (prediction, example) => {
        seen.push(prediction);
        return prediction === example.outputs[0] ? 1 : 0;
      },
    });
    const { result, db } = await runSearch(server, "vllm:sim-model", { task: writeWorldTask(tempDir(), { answer }), metric });
    expect(result.winner?.text).toBe(BEST);
    expect(evalSettings(server)).toEqual(new Set([JSON.stringify([100, ["\n\n"]])]));
    expect(seen.filter((p) => /^opposite-\d+$/.test(p)).length).toBeGreaterThan(0);
    const outputs = readDb<{ output: string }>(db, "SELECT output FROM evaluations").map((r) => r.output);
    expect(outputs.some((o) => /^Answer: opposite-\d+\nReason: it means the reverse of word\d+\.$/.test(o))).toBe(true);
    expect(outputs.some((o) => o.includes("Input:"))).toBe(false);
  });
});
