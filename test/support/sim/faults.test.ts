import { APIConnectionError, APIError, AuthenticationError, InternalServerError, RateLimitError } from "openai";
import { afterEach, describe, expect, it } from "vitest";
import { clientFor, startWorld } from "./fixture.js";
import type { FaultConfig, SimServer } from "./types.js";

const open: SimServer[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.close()));
});

async function serve(faults: FaultConfig = {}, apiKey?: string): Promise<SimServer> {
  const server = await startWorld(apiKey === undefined ? { faults } : { faults, apiKey });
  open.push(server);
  return server;
}

const ask = (server: SimServer, key = "x") =>
  clientFor(server, key).completions.create({ model: "sim-model", prompt: "Write an instruction.", max_tokens: 20 });

async function outcome(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return "ok";
  } catch (error) {
    if (error instanceof APIError && error.status !== undefined) return String(error.status);
    if (error instanceof APIConnectionError) return "connection";
    return "other";
  }
}

describe("faults", () => {
  it("answers 429 with a retry-after header", async () => {
    const server = await serve({ failNext: { kind: "429", count: 1 }, retryAfterSeconds: 3 });
    const error = await ask(server).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).headers?.get("retry-after")).toBe("3");
    expect(await outcome(ask(server))).toBe("ok");
  });

  it("fails exactly the next K requests with 500 or 503", async () => {
    const server = await serve({ failNext: { kind: "500", count: 2 } });
    await expect(ask(server)).rejects.toBeInstanceOf(InternalServerError);
    expect(await outcome(ask(server))).toBe("500");
    expect(await outcome(ask(server))).toBe("ok");
    server.setFaults({ failNext: { kind: "503", count: 1 } });
    expect(await outcome(ask(server))).toBe("503");
    expect(server.stats.faults).toMatchObject({ "500": 2, "503": 1 });
  });

  it("drops the socket, or answers 200 with broken JSON", async () => {
    const server = await serve({ failNext: { kind: "drop", count: 1 } });
    expect(await outcome(ask(server))).toBe("connection");
    server.setFaults({ failNext: { kind: "malformed", count: 1 } });
    expect(await outcome(ask(server))).not.toBe("ok");
    expect(await outcome(ask(server))).toBe("ok");
  });

  it("faults a seeded, repeatable share of requests at a given rate", async () => {
    const config: FaultConfig = { rate: 0.5, kinds: ["500", "503"] };
    const run = async (server: SimServer): Promise<string[]> => {
      const out: string[] = [];
      for (let i = 0; i < 20; i++) out.push(await outcome(ask(server)));
      return out;
    };
    const a = await run(await serve(config));
    const b = await run(await serve(config));
    expect(a).toEqual(b);
    expect(a.filter((o) => o === "ok").length).toBeGreaterThan(2);
    expect(a.filter((o) => o !== "ok").length).toBeGreaterThan(2);
  });

  it("faults only the listed paths", async () => {
    const server = await serve({ rate: 1, kinds: ["500"], paths: ["/v1/chat/completions"] });
    expect(await outcome(ask(server))).toBe("ok");
  });

  it("ends a hung request on close() and leaves nothing open", async () => {
    const server = await serve({ failNext: { kind: "hang", count: 1 } });
    const pending = outcome(ask(server));
    while (server.stats.faults.hang === 0) await new Promise((r) => setTimeout(r, 5));
    await server.close();
    expect(await pending).toBe("connection");
    expect(server.stats.faults.hang).toBe(1);
  });

  it("counts concurrent requests in flight", async () => {
    // Held requests stay in flight until close(), whatever the machine's speed.
    const server = await serve({ failNext: { kind: "hang", count: 4 } });
    const pending = Array.from({ length: 4 }, () => outcome(ask(server)));
    while (server.stats.faults.hang < 4) await new Promise((r) => setTimeout(r, 5));
    expect(server.stats.inFlight).toBe(4);
    expect(server.stats.maxInFlight).toBe(4);
    await server.close();
    expect(await Promise.all(pending)).toEqual(["connection", "connection", "connection", "connection"]);
    // Each request leaves the count as its response closes, a turn of the event loop after the socket.
    while (server.stats.inFlight > 0) await new Promise((r) => setTimeout(r, 5));
  });
});

describe("faults that quote the key sent", () => {
  const key = "sk-proj-abc12DEF34ghi56JKL78mno90wxyz";

  it("401-key answers in OpenAI's words with the key's ends; 502-echo is a proxy page echoing the header whole", async () => {
    const server = await serve({ failNext: { kind: "401-key", count: 1 } });
    const refused = (await ask(server, key).catch((e: unknown) => e)) as APIError;
    expect(refused).toBeInstanceOf(AuthenticationError);
    expect(refused.message).toContain("Incorrect API key provided: sk-proj-*************************wxyz.");
    server.setFaults({ failNext: { kind: "502-echo", count: 1 } });
    const proxied = (await ask(server, key).catch((e: unknown) => e)) as APIError;
    expect(proxied.status).toBe(502);
    expect(proxied.message).toContain(`authorization: Bearer ${key}`);
    expect(server.stats.faults).toMatchObject({ "401-key": 1, "502-echo": 1 });
  });

  it("faults only requests whose body holds the given text", async () => {
    const server = await serve({ rate: 1, kinds: ["500"], bodyIncludes: "Input:" });
    expect(await outcome(ask(server))).toBe("ok");
    const evaluation = clientFor(server).completions.create({ model: "sim-model", prompt: "Instruction: x\nInput: word1\nOutput:", max_tokens: 5 });
    expect(await outcome(evaluation)).toBe("500");
  });
});

describe("api key", () => {
  it("answers 401 without the right bearer key", async () => {
    const server = await serve({}, "secret");
    await expect(ask(server, "wrong")).rejects.toBeInstanceOf(AuthenticationError);
    expect(await outcome(ask(server, "secret"))).toBe("ok");
  });
});
