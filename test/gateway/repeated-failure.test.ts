import { describe, expect, it } from "vitest";
import { ConnectionError, ModelError } from "../../src/errors.js";
import { RepeatedFailure } from "../../src/gateway/repeated-failure.js";

const fail = (status: number, words: string): ModelError =>
  new ModelError("http://h/v1", `the server answered ${status}: ${words}`, { status, serverMessage: words, transient: true });

describe("RepeatedFailure", () => {
  it("lets a first failure through and stops the second identical 500 with advice, quoting the server", () => {
    const watch = new RepeatedFailure();
    const first = fail(500, "does not match the expected Content-only format");
    expect(watch.check(first)).toBe(first);
    const second = watch.check(fail(500, "does not match the expected Content-only format"));
    expect(second).toBeInstanceOf(ModelError);
    expect((second as ModelError).transient).toBe(false);
    expect((second as ModelError).message).toMatch(/^http:\/\/h\/v1: the server failed this request twice the same way \(500: "does not match/);
  });

  it("keeps retrying 500s whose words differ, and busy or away statuses however often they repeat", () => {
    const watch = new RepeatedFailure();
    for (const e of [
      fail(500, "error req_1"),
      fail(500, "error req_2"),
      fail(503, "busy"),
      fail(503, "busy"),
      fail(429, "slow down"),
      fail(429, "slow down"),
    ]) {
      expect(watch.check(e)).toBe(e);
    }
    const dropped = new ConnectionError("http://h/v1", "the connection was closed");
    expect(watch.check(dropped)).toBe(dropped);
    expect(watch.check(dropped)).toBe(dropped);
  });
});
