import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { cacheKey } from "../../src/gateway/cache-key.js";
import { stableJson } from "../../src/stable-json.js";
import { parseSpec } from "../../src/model/spec.js";

const spec = parseSpec("vllm:Qwen/Qwen2.5-7B-Instruct", ["http://127.0.0.1:8000/v1"]);
const request = {
  prompt: "Instruction: Say the opposite.\nInput: hot\nOutput:",
  route: "completion",
  n: 1,
  temperature: 0,
  maxTokens: 48,
  stop: ["\n"],
  seed: 0,
  sample: null,
};

describe("the response-cache key", () => {
  it("is the one calls stored by earlier versions have, so their answers are still found", () => {
    const before = createHash("sha256")
      .update(stableJson({ backend: spec.backend, model: spec.model, kind: "generate", request }))
      .digest("hex");
    expect(cacheKey(spec, "generate", stableJson(request))).toBe(before);
    // Pinned: the key of this request as version 0.1.0 stored it. A change here re-bills every cached call.
    expect(cacheKey(spec, "generate", stableJson(request))).toBe("e5280cc052db3ea767bc0ea5be7335213b833fe9174f3212da0d37fb24b28b84");
  });

  it("ignores key order and replicas, and changes with anything that changes the answer", () => {
    const key = (s = spec, r: object = request, kind = "generate"): string => cacheKey(s, kind, stableJson(r));
    const reordered = Object.fromEntries(Object.entries(request).reverse());
    expect(key(spec, reordered)).toBe(key());
    expect(key(parseSpec("vllm:Qwen/Qwen2.5-7B-Instruct", ["http://10.0.0.2:8000/v1"]))).toBe(key());
    expect(key(spec, { ...request, temperature: 0.7 })).not.toBe(key());
    expect(key(spec, { ...request, sample: "forward:0:1" })).not.toBe(key());
    expect(key(parseSpec("sglang:Qwen/Qwen2.5-7B-Instruct", []))).not.toBe(key());
    expect(key(spec, request, "fill")).not.toBe(key());
  });
});
