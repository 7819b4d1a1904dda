import { describe, expect, it } from "vitest";
import { ask } from "../../../src/model/openai/probe-ask.js";
import { ApeError, ConnectionError, ModelError } from "../../../src/errors.js";

const asError = (e: unknown): ApeError => (e instanceof ApeError ? e : new ModelError("http://x", String(e)));
const failing = (errors: readonly ApeError[]): { send: () => Promise<unknown>; calls: () => number } => {
  let n = 0;
  return {
    send: async () => {
      const e = errors[Math.min(n++, errors.length - 1)];
      if (e) throw e;
      return { ok: true };
    },
    calls: () => n,
  };
};
const status = (s: number, message = "x"): ModelError =>
  new ModelError("http://x", `answered ${s}`, { status: s, transient: s >= 500 || s === 429, serverMessage: message });

describe("a probe request", () => {
  it("reads a deterministic 4xx as 'not supported' at once", async () => {
    const f = failing([status(400, "suffix is not currently supported")]);
    expect(await ask(f.send, asError)).toMatchObject({ ok: false, status: 400, serverMessage: "suffix is not currently supported" });
    expect(f.calls()).toBe(1);
  });

  it("tries a 500 once more, then believes it (llama.cpp 2025 refuses echo with 500)", async () => {
    const f = failing([status(500, "Only no echo is supported")]);
    expect(await ask(f.send, asError)).toMatchObject({ ok: false, status: 500 });
    expect(f.calls()).toBe(2);
  });

  it("a 500 that passes on the second try is an answer", async () => {
    const f = failing([status(500), undefined as unknown as ApeError]);
    expect((await ask(f.send, asError)).ok).toBe(true);
  });

  it("stops on a refused key and on an unreachable server", async () => {
    await expect(ask(failing([status(401)]).send, asError)).rejects.toBeInstanceOf(ModelError);
    const refusedConnection = new ConnectionError("http://x", "connection refused");
    await expect(ask(failing([refusedConnection]).send, asError, AbortSignal.abort())).rejects.toBeInstanceOf(ConnectionError);
  });
});
