/**
 * The target format: a task whose eval template is chat messages is sent on the chat route, the
 * candidate as the system message; a text template keeps the completions route unless the chat
 * format is asked for, which is then a run of its own; what cannot work is refused before any call.
 */
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { EXIT } from "../../src/errors.js";
import { search, type SearchOptions, type SearchResult } from "../../src/index.js";
import { dedupeKey } from "../../src/propose/proposal.js";
import { readDb } from "../support/db.js";
import type { CliRun } from "../support/cli.js";
import { inProcess } from "../support/finished-run.js";
import { BEST } from "../support/sim/fixture.js";
import { simServers } from "../support/sim/per-test.js";
import { writeWorldTask } from "../support/task-fixture.js";
import { tempDir } from "../support/temp.js";

const sims = simServers();

/** The instruction as the system message, the word as the user's turn, one demo as a user and assistant turn. */
const CHAT_TEMPLATE = [
  { role: "system", content: "[PROMPT]" },
  { role: "user", content: "word1" },
  { role: "assistant", content: "opposite-1" },
  { role: "user", content: "[INPUT]" },
];

/** A stored target call's request. */
interface StoredRequest {
  readonly route: string;
  readonly prompt: string | { readonly role: string; readonly content: string }[];
}

function targetRequests(db: string, runId: string): StoredRequest[] {
  return readDb<{ request: string }>(db, "SELECT request FROM calls WHERE run_id = ? AND role = 'target'", runId).map(
    (c) => JSON.parse(c.request) as StoredRequest,
  );
}

/** The world's task with the chat eval template, in a fresh folder beside a database for it. */
function chatTask(): { readonly task: string; readonly db: string } {
  const dir = tempDir();
  return { task: writeWorldTask(dir, { templates: { eval: CHAT_TEMPLATE } }), db: join(dir, "ape.db") };
}

/** Search the chat task on `url` with the library: twelve candidates, each scored on every eval example. */
async function searchChat(url: string, over: Partial<SearchOptions> = {}): Promise<{ readonly db: string; readonly result: SearchResult }> {
  const { task, db } = chatTask();
  const result = await search({ task, model: "vllm:sim-model", baseUrls: [url], db, candidates: 12, selector: "exhaustive", seed: 3, ...over });
  return { db, result };
}

/** `ape search` of the chat task on `url` with `flags`, run in-process. */
async function cliChat(url: string, flags: readonly string[]): Promise<{ readonly db: string; readonly run: CliRun }> {
  const { task, db } = chatTask();
  return { db, run: await inProcess(["search", "--task", task, "--model", "vllm:sim-model", "--base-url", url, "--db", db, ...flags]) };
}

describe("the target format", () => {
  it("sends a task whose eval template is chat messages on the chat route, each candidate as the system message", async () => {
    const server = await sims.world();
    const { db, result } = await searchChat(server.url);
    expect(result.status).toBe("done");
    expect(dedupeKey(result.winner?.text ?? "")).toBe(dedupeKey(BEST));
    expect(result.winner?.testScore).toBeGreaterThan(0.8);

    const candidates = new Set([...result.candidates, ...result.references].map((c) => c.text));
    const requests = targetRequests(db, result.runId);
    expect(requests.length).toBeGreaterThan(10);
    for (const r of requests) {
      expect(r.route).toBe("chat");
      if (typeof r.prompt === "string") throw new Error("a target request was sent as one text");
      expect(r.prompt.map((m) => m.role)).toEqual(["system", "user", "assistant", "user"]);
      expect(candidates.has(r.prompt[0]?.content ?? "∅")).toBe(true);
      expect(r.prompt[3]?.content).toMatch(/^word\d+$/);
    }
    // The target never saw the completions route; the proposer's prompts are as they were.
    const prompts = server.stats.log.filter((l) => l.path === "/v1/completions").flatMap((l) => [(l.body as { prompt: string | string[] }).prompt].flat());
    expect(prompts.length).toBeGreaterThan(0);
    expect(prompts.filter((p) => p.trimEnd().endsWith("Output:"))).toEqual([]);
  });

  it("keeps a text template on the completions route; --target-format chat sends it as one user turn, in a run of its own", async () => {
    const server = await sims.world();
    const dir = tempDir();
    const db = join(dir, "ape.db");
    const task = writeWorldTask(dir);
    const options = { task, model: "vllm:sim-model", baseUrls: [server.url], db, candidates: 4, subsets: 2, seed: 3 } as const;
    const completion = await search(options);
    const chat = await search({ ...options, targetFormat: "chat" });
    expect(chat.runId).not.toBe(completion.runId);
    expect(targetRequests(db, completion.runId).every((r) => r.route === "completion" && typeof r.prompt === "string")).toBe(true);
    const chats = targetRequests(db, chat.runId);
    expect(chats.length).toBeGreaterThan(0);
    for (const r of chats) {
      expect(r.route).toBe("chat");
      expect(r.prompt).toEqual([{ role: "user", content: expect.stringMatching(/^Instruction: .*\nInput: word\d+\nOutput:$/s) }]);
    }
    // `auto` (the default) and `completion` send a text template alike: one identity, that of every run before the formats.
    const again = await search({ ...options, targetFormat: "completion" });
    const hash = (runId: string): string | undefined => readDb<{ config_hash: string }>(db, "SELECT config_hash FROM runs WHERE id = ?", runId)[0]?.config_hash;
    expect(hash(again.runId)).toBe(hash(completion.runId));
    expect(hash(chat.runId)).not.toBe(hash(completion.runId));
  });

  it("refuses --target-format completion for an eval template of messages, before any call (exit 2)", async () => {
    const server = await sims.world();
    const { run: r } = await cliChat(server.url, ["--target-format", "completion"]);
    expect(r.code).toBe(EXIT.usage);
    expect(r.stderr).toContain("--target-format completion cannot send the eval template of task opposites: it is a list of chat messages");
    expect(r.stderr).toContain("Use --target-format chat (or auto)");
    expect(server.stats.log).toEqual([]);
  });

  it("refuses a chat eval template without [INPUT], with [OUTPUT], or not ending with the user's turn, naming each message", async () => {
    const dir = tempDir();
    const bad = [
      { role: "system", content: "[PROMPT]" },
      { role: "user", content: "Word: hot" },
      { role: "assistant", content: "[OUTPUT]" },
    ];
    const task = writeWorldTask(dir, { templates: { eval: bad } });
    const r = await inProcess(["tasks", "validate", task]);
    expect(r.code).toBe(EXIT.usage);
    expect(r.stderr).toContain("templates.eval: missing [INPUT]");
    expect(r.stderr).toContain("templates.eval[2].content: has [OUTPUT], but in a chat the model's reply is the answer");
    expect(r.stderr).toContain('templates.eval[2].role: is "assistant", but the model answers the last message');
  });

  it("scores by log-probs in the chat format where the server gives them after the template (vLLM's prompt_logprobs)", async () => {
    const server = await sims.world();
    const { db, result } = await searchChat(server.url, { scorer: "logprob" });
    expect(result.status).toBe("done");
    expect(dedupeKey(result.winner?.text ?? "")).toBe(dedupeKey(BEST));
    const calls = readDb<{ kind: string; request: string }>(db, "SELECT kind, request FROM calls WHERE role = 'target'");
    expect(calls.length).toBeGreaterThan(10);
    for (const c of calls) {
      const request = JSON.parse(c.request) as { prefix: { role: string }[]; continuation: string };
      expect(c.kind).toBe("logprobs");
      expect(request.prefix.map((m) => m.role)).toEqual(["system", "user", "assistant", "user"]);
      expect(request.continuation).toMatch(/^opposite-\d+$/);
    }
    // On the wire: one chat request per scored answer, the answer as the assistant's reply to continue.
    const scoring = server.stats.log.filter((l) => l.path === "/v1/chat/completions" && (l.body as { prompt_logprobs?: number }).prompt_logprobs === 1);
    expect(scoring.length).toBeGreaterThanOrEqual(calls.length);
    expect(scoring.at(-1)?.body).toMatchObject({
      continue_final_message: true,
      add_generation_prompt: false,
      messages: expect.arrayContaining([{ role: "assistant", content: expect.stringMatching(/^opposite-\d+$/) }]),
    });
  });

  it("refuses log-prob scoring in the chat format on a server without log-probs after a chat template (exit 4), before any call", async () => {
    const server = await sims.world({ family: "llamacpp" });
    const { db, run: r } = await cliChat(server.url, ["--scorer", "logprob"]);
    expect(r.code).toBe(EXIT.model);
    expect(r.stderr).toContain("--scorer logprob in the chat format needs exact log-probs of the answer after the model's chat template, but vllm:sim-model");
    expect(r.stderr).toContain("(chat with prompt_logprobs answered 200 without them (ignored))");
    expect(readDb<{ n: number }>(db, "SELECT COUNT(*) AS n FROM calls")[0]?.n).toBe(0);
  });
});
