/**
 * The hot path's requests (completions, and log-probs echoed on the completions route) go over ape's
 * transport without the `openai` client (json-post.ts); they must fail as the client's requests did.
 */
import { describe, expect, it } from "vitest";
import { CancelledError, ConnectionError, ModelError } from "../../../src/errors.js";
import { OpenAIBackend } from "../../../src/model/openai/backend.js";
import { parseSpec } from "../../../src/model/spec.js";
import type { FaultKind, SimFamily } from "../../support/sim/index.js";
import { simServers } from "../../support/sim/per-test.js";

const sims = simServers();

/** Each kind of hot-path request, sent once by a probed backend. */
const REQUESTS = {
  completion: (backend: OpenAIBackend, signal?: AbortSignal) =>
    backend.generate([{ prompt: "x", route: "completion", n: 1, temperature: 0, maxTokens: 4 }], signal),
  "log-probs": (backend: OpenAIBackend, signal?: AbortSignal) => backend.logprobs([{ prefix: "Hello", continuation: " world" }], signal),
} as const;
const KINDS = Object.keys(REQUESTS) as (keyof typeof REQUESTS)[];

/** What a request of `kind` fails with when the server answers `fault` once (after the probe). */
async function failure(kind: keyof typeof REQUESTS, family: SimFamily, fault: FaultKind, apiKey?: string): Promise<unknown> {
  const server = await sims.world({ family, ...(apiKey ? { apiKey } : {}) });
  const backend = new OpenAIBackend(parseSpec(`${family === "sglang" ? "sglang" : "vllm"}:sim-model`, [server.url]), apiKey ? { apiKey } : {});
  try {
    await backend.probe();
    server.setFaults({ failNext: { kind: fault, count: 1 } });
    return await REQUESTS[kind](backend).catch((e: unknown) => e);
  } finally {
    await backend.close();
  }
}

describe.each(KINDS)("a %s request sent without the openai client fails as the client's did", (kind) => {
  it("a 5xx is a transient ModelError with the server's words, nested or flat (SGLang)", async () => {
    for (const family of ["vllm", "sglang"] as const) {
      const error = await failure(kind, family, "500");
      expect(error, family).toBeInstanceOf(ModelError);
      expect((error as ModelError).status).toBe(500);
      expect((error as ModelError).transient).toBe(true);
      expect((error as ModelError).message).toContain("Internal server error (simulated)");
    }
  });

  it("a cut JSON answer is a transient ModelError; a dropped socket is a ConnectionError", async () => {
    const cut = await failure(kind, "vllm", "malformed");
    expect(cut).toBeInstanceOf(ModelError);
    expect((cut as ModelError).transient).toBe(true);
    expect(await failure(kind, "vllm", "drop")).toBeInstanceOf(ConnectionError);
  });

  it("a refused key is a ModelError that does not echo the key", async () => {
    const error = await failure(kind, "vllm", "401-key", "sk-secret-123456");
    expect(error).toBeInstanceOf(ModelError);
    expect((error as ModelError).status).toBe(401);
    expect((error as ModelError).message).not.toContain("sk-secret-123456");
  });

  it("a request whose signal aborts is cancelled", async () => {
    const server = await sims.world({ family: "vllm" });
    const backend = new OpenAIBackend(parseSpec("vllm:sim-model", [server.url]));
    try {
      await backend.probe();
      server.setFaults({ failNext: { kind: "hang", count: 1 } });
      const controller = new AbortController();
      const pending = REQUESTS[kind](backend, controller.signal).catch((e: unknown) => e);
      setTimeout(() => controller.abort(), 50);
      expect(await pending).toBeInstanceOf(CancelledError);
    } finally {
      await backend.close();
    }
  });

  it("an answer is read as before", async () => {
    const server = await sims.world({ family: "vllm" });
    const backend = new OpenAIBackend(parseSpec("vllm:sim-model", [server.url]));
    try {
      await backend.probe();
      const [answer] = await REQUESTS[kind](backend);
      expect(answer?.usage.promptTokens).toBeGreaterThan(0);
    } finally {
      await backend.close();
    }
  });
});
