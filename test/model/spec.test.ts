import { describe, expect, it } from "vitest";
import { UsageError } from "../../src/errors.js";
import { DEFAULT_MODEL, parseSpec } from "../../src/model/spec.js";

describe("model specs", () => {
  it("gives each server family its default base URL", () => {
    expect(parseSpec("vllm:Qwen/Qwen2.5-7B-Instruct")).toEqual({ backend: "vllm", model: "Qwen/Qwen2.5-7B-Instruct", baseUrls: ["http://localhost:8000/v1"] });
    expect(parseSpec("sglang:m").baseUrls).toEqual(["http://localhost:30000/v1"]);
    expect(parseSpec("llamacpp:m").baseUrls).toEqual(["http://localhost:8080/v1"]);
    expect(parseSpec("openai:gpt-4o-mini").baseUrls).toEqual(["https://api.openai.com/v1"]);
  });
  it("keeps colons inside model names and takes several --base-url as replicas", () => {
    expect(parseSpec("ollama:qwen2.5:7b", ["http://a:1/v1/", "http://b:2/v1"])).toEqual({
      backend: "ollama",
      model: "qwen2.5:7b",
      baseUrls: ["http://a:1/v1", "http://b:2/v1"],
    });
  });
  it("defaults to an in-process GGUF model, downloaded once", () => {
    expect(parseSpec(DEFAULT_MODEL)).toMatchObject({ backend: "gguf", baseUrls: [] });
  });
  it("explains a spec without a backend, an empty model, a bad URL, and credentials in a URL", () => {
    expect(() => parseSpec("gpt-4o")).toThrow(/must start with a backend: one of openai:, vllm:/);
    expect(() => parseSpec("vllm:")).toThrow(UsageError);
    expect(() => parseSpec("vllm:m", ["localhost:8000"])).toThrow(/not a URL|http/);
    expect(() => parseSpec("vllm:m", ["http://user:secret@host/v1"])).toThrow(/credentials/);
    expect(() => parseSpec("gguf:./m.gguf", ["http://x/v1"])).toThrow(/does not apply/);
  });
});
