/** A call row for store tests: a paid, successful `generate` call of run `r1`, changed by `over`. */
import type { NewCall } from "../../src/store/calls.js";

/** A call to record, with `over` replacing any field. */
export function callRow(over: Partial<NewCall> = {}): NewCall {
  return {
    run_id: "r1",
    role: "target",
    backend: "vllm",
    model: "m",
    base_url: null,
    kind: "generate",
    cache_key: "k",
    request: "{}",
    response: "{}",
    error: null,
    cached: 0,
    prompt_tokens: 10,
    completion_tokens: 2,
    cost_usd: 0.5,
    latency_ms: 3,
    ...over,
  };
}
