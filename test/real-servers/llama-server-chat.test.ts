/**
 * A task whose eval template is chat messages, the instruction as the system message, against the
 * real llama.cpp `llama-server` (build 10587): the target is asked on the chat route, and the server
 * renders each request's system message with the model's own (ChatML) chat template, as its
 * `/apply-template` and `/tokenize` routes and the usage it reports show. Skipped, with the reason in
 * one line, where the binary cannot run.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ape } from "../support/cli.js";
import { readDb } from "../support/db.js";
import { startFaultProxy, type FaultProxy } from "../support/fault-proxy.js";
import { tinyFullModelFile } from "../support/gguf/tiny-model-file.js";
import { llamaServerBinary, startLlamaServer, type LlamaServer } from "../support/llama-server.js";
import { tempDir } from "../support/temp.js";

const binary = llamaServerBinary();
if (!binary.ok) console.warn(`real llama-server chat tests skipped: ${binary.why}`);

/** The shipped antonyms task, its eval template made a chat: the instruction as the system message, the word as the user's turn. */
function chatTask(dir: string): string {
  const task = JSON.parse(readFileSync(join(import.meta.dirname, "../../tasks/antonyms.json"), "utf8")) as Record<string, unknown>;
  const file = join(dir, "antonyms-chat.json");
  const templates = {
    eval: [
      { role: "system", content: "[PROMPT]" },
      { role: "user", content: "[INPUT]" },
    ],
  };
  writeFileSync(file, JSON.stringify({ ...task, name: "antonyms-chat", templates }));
  return file;
}

/** A target call as stored: its chat messages and the prompt tokens the server reported. */
interface TargetCall {
  readonly request: string;
  readonly prompt_tokens: number;
}

/** POST `body` to a native route of the server. */
async function post(server: LlamaServer, route: string, body: unknown): Promise<unknown> {
  const answer = await fetch(`${new URL(server.url).origin}${route}`, { method: "POST", body: JSON.stringify(body) });
  expect(answer.status, route).toBe(200);
  return answer.json();
}

describe.skipIf(!binary.ok)("a chat-template task against a real llama-server", () => {
  let server: LlamaServer;
  let proxy: FaultProxy;
  const dir = tempDir("ape-llama-chat-");

  beforeAll(async () => {
    if (!binary.ok) return;
    server = await startLlamaServer(binary.path, await tinyFullModelFile({ asciiBytes: true }));
    proxy = await startFaultProxy(new URL(server.url).origin);
  }, 120_000);

  afterAll(async () => {
    await Promise.all([proxy?.close(), server?.close()]);
  });

  it("asks on the chat route with each candidate as the system message, which the server renders with the model's chat template", async () => {
    const db = join(dir, "chat.db");
    const before = proxy.requests.length;
    const args = ["--candidates", "4", "--subsets", "2", "--demos", "2", "--eval-budget", "40", "--progress", "none"];
    const run = await ape(["search", "--task", chatTask(dir), "--model", "llamacpp:tiny", "--base-url", proxy.url, "--db", db, ...args]);
    expect(run.code, run.stderr).toBe(0);
    expect(readDb<{ status: string }>(db, "SELECT status FROM runs")).toEqual([{ status: "done" }]);

    const candidates = new Set(readDb<{ text: string }>(db, "SELECT text FROM candidates").map((c) => c.text));
    const calls = readDb<TargetCall>(db, "SELECT request, prompt_tokens FROM calls WHERE role = 'target' AND cached = 0 AND error IS NULL ORDER BY id");
    expect(calls.length).toBeGreaterThan(10);
    const inputs = new Set((JSON.parse(readFileSync(chatTask(dir), "utf8")) as { examples: { input: string }[] }).examples.map((e) => e.input));
    for (const call of calls) {
      const request = JSON.parse(call.request) as { route: string; prompt: { role: string; content: string }[] };
      expect(request.route).toBe("chat");
      expect(request.prompt.map((m) => m.role)).toEqual(["system", "user"]);
      expect(candidates.has(request.prompt[0]?.content ?? "∅")).toBe(true);
      expect(inputs.has(request.prompt[1]?.content ?? "∅")).toBe(true);
    }
    // On the wire: the scoring requests went to the chat route with those messages, none to completions.
    const sent = proxy.requests.slice(before);
    const scoring = sent.filter((r) => r.path === "/v1/chat/completions" && JSON.stringify(r.body).includes('"role":"system"'));
    expect(scoring.length).toBe(calls.length);

    // The server rendered the system message with the ChatML template: the prompt it reports having
    // read is exactly the rendered template, system message included (without it, fewer tokens).
    for (const call of calls.slice(0, 5)) {
      const messages = (JSON.parse(call.request) as { prompt: { role: string; content: string }[] }).prompt;
      const rendered = (await post(server, "/apply-template", { messages })) as { prompt: string };
      expect(rendered.prompt).toBe(
        `<|im_start|>system\n${messages[0]?.content}<|im_end|>\n<|im_start|>user\n${messages[1]?.content}<|im_end|>\n<|im_start|>assistant\n`,
      );
      const tokens = (await post(server, "/tokenize", { content: rendered.prompt, add_special: true })) as { tokens: number[] };
      expect(call.prompt_tokens).toBe(tokens.tokens.length);
      const withoutSystem = (await post(server, "/apply-template", { messages: messages.slice(1) })) as { prompt: string };
      const fewer = (await post(server, "/tokenize", { content: withoutSystem.prompt, add_special: true })) as { tokens: number[] };
      expect(fewer.tokens.length).toBeLessThan(call.prompt_tokens);
    }
  }, 180_000);

  it("--scorer logprob in the chat format stops with exit 4 before any call, naming the server and what to use instead", async () => {
    const db = join(dir, "logprob.db");
    const run = await ape(["search", "--task", chatTask(dir), "--model", "llamacpp:tiny", "--base-url", server.url, "--db", db, "--scorer", "logprob"]);
    expect(run.code).toBe(4);
    expect(run.stderr).toContain(
      `--scorer logprob in the chat format needs exact log-probs of the answer after the model's chat template, but llamacpp:tiny at ${server.url}`,
    );
    expect(run.stderr).toContain("(chat with prompt_logprobs answered 200 without them (ignored))");
    expect(run.stderr).toContain(
      "Use --scorer exec, or --target-format completion with an eval template of one text, or a target that gives them (vLLM; gguf: in-process",
    );
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(readDb<{ n: number }>(db, "SELECT COUNT(*) AS n FROM calls")[0]?.n).toBe(0);
  }, 60_000);
});
