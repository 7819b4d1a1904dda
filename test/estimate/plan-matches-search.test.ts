import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { plannedRequests, type PlannedRequest } from "../../src/estimate/plan.js";
import { search, type Estimate } from "../../src/index.js";
import { type ChatPrompt, chatMessages, promptText } from "../../src/chat.js";
import { chatFillPrompt } from "../../src/model/fill-chat.js";
import type { SearchOptions } from "../../src/options/search-options.js";
import { resolveSearch } from "../../src/options/resolve-search.js";
import { loadTask } from "../../src/task/index.js";
import { readDb } from "../support/db.js";
import { WORLD } from "../support/sim/fixture.js";
import { simServers } from "../support/sim/per-test.js";
import type { LoggedRequest } from "../support/sim/types.js";
import { writeWorldTask } from "../support/task-fixture.js";
import { tempDir } from "../support/temp.js";

const sims = simServers();

/** A world whose proposer has many distinct instructions. */
const MANY = {
  ...WORLD,
  proposals: ["Write", "Give", "Say", "State"].flatMap((v) =>
    ["the antonym of", "the opposite of", "a rhyme for"].flatMap((w) => [`${v} ${w} the word.`, `${v} ${w} the input.`]),
  ),
};

/** The model each role asks for: the server tells the roles apart by the `model` of a request. */
const MODELS = { proposer: "sim-proposer", target: "sim-target", judge: "sim-judge" } as const;

/**
 * The body the openai backend sends for a planned request to a vLLM-like server (one prompt per
 * request, `n` samples together, echo with `max_tokens: 0`), with the route the request names.
 */
function wireBody({ role, call }: PlannedRequest): { path: string; body: Record<string, unknown> } {
  const model = MODELS[role];
  const sampling = (s: { n: number; temperature: number; maxTokens: number; stop?: readonly string[]; seed?: number }) => ({
    n: s.n,
    temperature: s.temperature,
    max_tokens: s.maxTokens,
    ...(s.stop && s.stop.length > 0 ? { stop: [...s.stop] } : {}),
    ...(s.seed !== undefined ? { seed: s.seed } : {}),
  });
  const chat = (prompt: ChatPrompt) => ({ path: "/v1/chat/completions", body: { model, messages: chatMessages(prompt) } });
  switch (call.kind) {
    case "generate": {
      const r = call.request;
      const base = r.route === "completion" ? { path: "/v1/completions", body: { model, prompt: r.prompt } } : chat(r.prompt);
      return { path: base.path, body: { ...base.body, ...sampling(r) } };
    }
    case "fill": {
      const r = call.request;
      if (r.path === "chat") {
        const base = chat(chatFillPrompt(r.prefix, r.suffix));
        return { path: base.path, body: { ...base.body, ...sampling(r) } };
      }
      if (r.path === "suffix") return { path: "/v1/completions", body: { model, prompt: r.prefix, suffix: r.suffix, ...sampling(r) } };
      throw new Error(`this test does not know how the ${r.path} fill path is sent`);
    }
    case "logprobs": {
      const r = call.request;
      return {
        path: "/v1/completions",
        body: { model, prompt: promptText(r.prefix) + r.continuation, echo: true, logprobs: 1, max_tokens: 0, temperature: 0 },
      };
    }
  }
}

/** One request as canonical text (sorted keys), so that lists compare as multisets once sorted. */
function canonical(path: string, body: unknown): string {
  return `${path} ${JSON.stringify(body, (_key, value: unknown) =>
    value && typeof value === "object" && !Array.isArray(value) ? Object.fromEntries(Object.entries(value).sort(([a], [b]) => a.localeCompare(b))) : value,
  )}`;
}

describe("the estimate is built from the search's own plan", () => {
  // A fixed plan: the pool is known, selection is exhaustive (nothing stops early), no resampling
  // rounds, and one prompt per request. The search must then send exactly the requests the plan
  // lists, request by request. Set aside: the probe's requests (sent before the proposals, by the
  // probe, not by the search's stages). Excluded by the settings: the response cache (`cache:
  // false`), which would answer a request equal to an earlier one without sending it (e.g. a
  // finalist equal to a reference); the estimate, like the budget, counts every request the
  // search makes. Proposals are de-duplicated before scoring: the plan scores the pool's distinct
  // instructions, as the search does, and every proposal request is sent whatever it returns.
  for (const scorer of ["exec", "logprob"] as const) {
    it(`lists every request the search sends, and nothing else (${scorer}, both modes)`, async () => {
      const server = await sims.start({ world: MANY, seed: 7, models: Object.values(MODELS), logLimit: 100_000 });
      const dir = tempDir();
      const options: SearchOptions = {
        // Eval prompts that show the run's eval demos, and two references (one is also a proposal).
        task: writeWorldTask(dir, {
          references: ["Write the opposite of the word.", "Name the antonym."],
          templates: { eval: "[full_DEMO]\n\nInstruction: [PROMPT]\nInput: [INPUT]\nOutput: [OUTPUT]" },
        }),
        proposer: `vllm:${MODELS.proposer}`,
        target: `vllm:${MODELS.target}`,
        baseUrls: [server.url],
        candidates: 12,
        db: join(dir, "a.db"),
        seed: 1,
        selector: "exhaustive",
        batch: 1,
        mode: "both",
        scorer,
        rounds: 0,
        cache: false,
      };
      let refined: Estimate | undefined;
      const result = await search({
        ...options,
        onEvent: (e) => {
          // Both servers' probes are done before the proposals start: what comes after is the search's.
          if (e.type === "stage" && e.stage === "propose") server.stats.reset();
          if (e.type === "estimate" && e.basis === "proposals") refined = e.estimate;
        },
      });
      const sent: readonly LoggedRequest[] = server.stats.log;

      const proposed = result.candidates.filter((c) => c.origin !== "reference");
      const fillPath = proposed.find((c) => c.origin === "reverse")?.fillPath;
      expect(fillPath).toBeTruthy();
      const plan = plannedRequests(
        await loadTask(options.task as string),
        resolveSearch(options),
        { instructions: proposed.map((c) => c.text), finalists: result.candidates.slice(0, 2).map((c) => c.text) },
        { completions: true, fill: fillPath ? [fillPath] : [] },
      );
      expect(plan.requests.every((p) => p.times === 1)).toBe(true);
      const planned = plan.requests.map((p) => wireBody(p)).map(({ path, body }) => canonical(path, body));
      expect(sent.map((r) => canonical(r.path, r.body)).sort()).toEqual(planned.sort());
      expect(sent.every((r) => r.method === "POST" && r.outcome === 200)).toBe(true);

      // The estimate the search made once the pool was known names as many calls per role.
      const calls = (role: "proposer" | "target"): number => plan.requests.filter((p) => p.role === role).length;
      expect({ proposer: refined?.proposer.calls, target: refined?.target.calls }).toEqual({ proposer: calls("proposer"), target: calls("target") });
      const [scored] = readDb<{ n: number }>(result.db, "SELECT COUNT(*) AS n FROM evaluations");
      expect(plan.evaluations).toBe(scored?.n);
    });
  }
});
