import { afterEach, describe, expect, it } from "vitest";
import { ConnectionError, ModelError } from "../../../src/errors.js";
import { OpenAIBackend } from "../../../src/model/openai/backend.js";
import { createTransport, type Transport } from "../../../src/model/openai/transport.js";
import { parseSpec } from "../../../src/model/spec.js";
import { evalPrompt } from "../../support/sim/fixture.js";
import { simServers } from "../../support/sim/per-test.js";

const sims = simServers();
let transport: Transport | undefined;
afterEach(async () => {
  await transport?.close();
  transport = undefined;
});

const completion = (): RequestInit => ({
  method: "POST",
  headers: { "content-type": "application/json" },
  body: JSON.stringify({ model: "sim-model", prompt: evalPrompt("Write the antonym of the word.", "hot"), max_tokens: 8, temperature: 0 }),
});

describe("the model transport", () => {
  it("answers as the built-in fetch does", async () => {
    const server = await sims.world({ family: "vllm" });
    transport = createTransport();
    for (const [path, init] of [
      ["/completions", completion()],
      ["/models", {}],
    ] as const) {
      const ours = await transport.fetch(`${server.url}${path}`, init);
      const theirs = await fetch(`${server.url}${path}`, init);
      expect(ours.status).toBe(theirs.status);
      expect(ours.headers.get("content-type")).toBe(theirs.headers.get("content-type"));
      const [a, b] = [await ours.json(), await theirs.json()] as { id?: string; created?: number }[];
      expect({ ...a, id: "", created: 0 }).toEqual({ ...b, id: "", created: 0 });
    }
  });

  it("keeps the status and headers of a refusal, so retry-after is honoured", async () => {
    const server = await sims.world({ family: "vllm" });
    server.setFaults({ failNext: { kind: "429", count: 1 }, retryAfterSeconds: 3 });
    transport = createTransport();
    const res = await transport.fetch(`${server.url}/completions`, completion());
    expect(res.status).toBe(429);
    expect(res.headers.get("retry-after")).toBe("3");
    const backend = new OpenAIBackend(parseSpec("vllm:sim-model", [server.url]));
    try {
      await backend.probe();
      server.setFaults({ failNext: { kind: "429", count: 1 }, retryAfterSeconds: 3 });
      const error = await backend.generate([{ prompt: "x", route: "completion", n: 1, temperature: 0, maxTokens: 4 }]).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ModelError);
      expect((error as ModelError).retryAfterMs).toBe(3000);
    } finally {
      await backend.close();
    }
  });

  it("times a request out that gets no answer, as a transient connection fault", async () => {
    const server = await sims.world({ family: "vllm" });
    const backend = new OpenAIBackend(parseSpec("vllm:sim-model", [server.url]), { timeoutMs: 300 });
    try {
      await backend.probe();
      server.setFaults({ failNext: { kind: "hang", count: 1 } });
      const error = await backend.generate([{ prompt: "x", route: "completion", n: 1, temperature: 0, maxTokens: 4 }]).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ConnectionError);
      expect((error as ConnectionError).message).toMatch(/timed out/);
      expect((error as ConnectionError).transient).toBe(true);
    } finally {
      await backend.close();
    }
  });

  it("stops a request when its signal aborts", async () => {
    const server = await sims.world({ family: "vllm" });
    server.setFaults({ failNext: { kind: "hang", count: 1 } });
    transport = createTransport();
    const controller = new AbortController();
    const pending = transport.fetch(`${server.url}/completions`, { ...completion(), signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    await expect(pending).rejects.toMatchObject({ name: "AbortError" });
  });

  it("closes at once, ending a request the server never answers", async () => {
    const server = await sims.world({ family: "vllm" });
    server.setFaults({ failNext: { kind: "hang", count: 1 } });
    const own = createTransport();
    const pending = own.fetch(`${server.url}/completions`, completion());
    while (server.stats.faults.hang === undefined) await new Promise((resolve) => setTimeout(resolve, 5));
    await own.close();
    await expect(pending).rejects.toThrow();
  });

  it("refuses a body it cannot send as text", async () => {
    transport = createTransport();
    await expect(transport.fetch("http://127.0.0.1:9/v1/x", { method: "POST", body: new URLSearchParams("a=1") })).rejects.toThrow(TypeError);
  });
});
