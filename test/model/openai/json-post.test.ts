import { describe, expect, it } from "vitest";
import { CancelledError, ConnectionError, ModelError } from "../../../src/errors.js";
import { OpenAIBackend } from "../../../src/model/openai/backend.js";
import { parseSpec } from "../../../src/model/spec.js";
import type { FaultKind, SimFamily } from "../../support/sim/index.js";
import { simServers } from "../../support/sim/per-test.js";

const sims = simServers();
const ASK = [{ prompt: "x", route: "completion" as const, n: 1, temperature: 0, maxTokens: 4 }];

/** What a completion fails with when the server answers `fault` once (after the probe). */
async function failure(family: SimFamily, fault: FaultKind, apiKey?: string): Promise<unknown> {
  const server = await sims.world({ family, ...(apiKey ? { apiKey } : {}) });
  const backend = new OpenAIBackend(parseSpec(`${family === "sglang" ? "sglang" : "vllm"}:sim-model`, [server.url]), apiKey ? { apiKey } : {});
  try {
    await backend.probe();
    server.setFaults({ failNext: { kind: fault, count: 1 } });
    return await backend.generate(ASK).catch((e: unknown) => e);
  } finally {
    await backend.close();
  }
}

describe("completions sent without the openai client fail as the client's did", () => {
  it("a 5xx is a transient ModelError with the server's words, nested or flat (SGLang)", async () => {
    for (const family of ["vllm", "sglang"] as const) {
      const error = await failure(family, "500");
      expect(error, family).toBeInstanceOf(ModelError);
      expect((error as ModelError).status).toBe(500);
      expect((error as ModelError).transient).toBe(true);
      expect((error as ModelError).message).toContain("Internal server error (simulated)");
    }
  });

  it("a cut JSON answer is a transient ModelError; a dropped socket is a ConnectionError", async () => {
    const cut = await failure("vllm", "malformed");
    expect(cut).toBeInstanceOf(ModelError);
    expect((cut as ModelError).transient).toBe(true);
    expect(await failure("vllm", "drop")).toBeInstanceOf(ConnectionError);
  });

  it("a refused key is a ModelError that does not echo the key", async () => {
    const error = await failure("vllm", "401-key", "sk-secret-123456");
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
      const pending = backend.generate(ASK, controller.signal).catch((e: unknown) => e);
      setTimeout(() => controller.abort(), 50);
      expect(await pending).toBeInstanceOf(CancelledError);
    } finally {
      await backend.close();
    }
  });
});
