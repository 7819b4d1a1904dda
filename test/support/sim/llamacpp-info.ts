/**
 * llama.cpp's descriptive answers, in the recorded build's shapes (shared/servers/llama-server):
 * `GET /health`, `GET /props`, its `/v1/models` (an Ollama-style `models` list beside OpenAI's
 * `data`), and the `generation_settings` its native routes echo back.
 */
import { CREATED, servedModel } from "./context.js";
import { LLAMA_BUILD } from "./envelope.js";
import { LLAMA_SLOTS } from "./families.js";
import type { RouteContext } from "./context.js";

/** Context per slot. */
const N_CTX = 512;
/** llama.cpp's "no seed" value. */
const NO_SEED = 4294967295;
/** The ChatML template the recorded test model carries. */
const CHAT_TEMPLATE =
  "{% for m in messages %}<|im_start|>{{ m['role'] }}\n{{ m['content'] }}<|im_end|>\n{% endfor %}{% if add_generation_prompt %}<|im_start|>assistant\n{% endif %}";

/** The sampling settings a request may set; the rest are fixed defaults. */
export interface Sampling {
  readonly seed?: number | null | undefined;
  readonly temperature?: number | null | undefined;
  readonly top_k?: number | null | undefined;
  readonly top_p?: number | null | undefined;
  readonly min_p?: number | null | undefined;
  readonly stop?: readonly string[] | null | undefined;
  /** Token limit; -1 for none. */
  readonly limit: number;
}

/** llama.cpp's sampling parameters (`/props` default_generation_settings.params). */
function params(s: Sampling, reasoningFormat: string): Record<string, unknown> {
  return {
    seed: s.seed ?? NO_SEED,
    temperature: s.temperature ?? 0.8,
    dynatemp_range: 0,
    dynatemp_exponent: 1,
    top_k: s.top_k ?? 40,
    top_p: s.top_p ?? 0.95,
    min_p: s.min_p ?? 0.05,
    top_n_sigma: -1,
    xtc_probability: 0,
    xtc_threshold: 0.1,
    typical_p: 1,
    repeat_last_n: 64,
    repeat_penalty: 1,
    presence_penalty: 0,
    frequency_penalty: 0,
    dry_multiplier: 0,
    dry_base: 1.75,
    dry_allowed_length: 2,
    dry_penalty_last_n: 64,
    mirostat: 0,
    mirostat_tau: 5,
    mirostat_eta: 0.1,
    adaptive_target: -1,
    adaptive_decay: 0.9,
    max_tokens: s.limit,
    n_predict: s.limit,
    n_keep: 0,
    n_discard: 0,
    ignore_eos: false,
    stream: false,
    n_probs: 0,
    min_keep: 0,
    chat_format: "Content-only",
    reasoning_format: reasoningFormat,
    reasoning_in_content: false,
    generation_prompt: "",
    samplers: ["penalties", "dry", "top_n_sigma", "top_k", "typ_p", "top_p", "min_p", "xtc", "temperature"],
    "speculative.types": "none",
    timings_per_token: false,
    post_sampling_probs: false,
    backend_sampling: false,
    lora: [],
  };
}

/** The `generation_settings` a native answer carries for a request's sampling. */
export function generationSettings(s: Sampling): Record<string, unknown> {
  return {
    ...params(s, "deepseek"),
    dry_sequence_breakers: ["\n", ":", '"', "*"],
    stop: [...(s.stop ?? [])],
    logit_bias: [],
    grammar: "",
    grammar_lazy: false,
    grammar_triggers: [],
    preserved_tokens: [],
  };
}

/** `GET /health`. */
export function health(): unknown {
  return { status: "ok" };
}

/** `GET /props`. */
export function props(ctx: RouteContext): unknown {
  const path = servedModel(ctx);
  return {
    default_generation_settings: { params: params({ limit: -1 }, "none"), n_ctx: N_CTX },
    total_slots: LLAMA_SLOTS,
    model_alias: path,
    model_ftype: "(guessed) all F32",
    model_path: path,
    modalities: { vision: false, video: false, audio: false },
    media_marker: "<__media_sim__>",
    endpoint_slots: true,
    endpoint_props: false,
    endpoint_metrics: false,
    ui: true,
    ui_settings: {},
    chat_template: CHAT_TEMPLATE,
    chat_template_caps: Object.fromEntries(
      [
        "supports_object_arguments",
        "supports_parallel_tool_calls",
        "supports_preserve_reasoning",
        "supports_reasoning_effort",
        "supports_string_content",
        "supports_system_role",
        "supports_tool_calls",
        "supports_tools",
        "supports_typed_content",
      ].map((k) => [k, k === "supports_string_content" || k === "supports_system_role"]),
    ),
    bos_token: "<s>",
    eos_token: "</s>",
    build_info: LLAMA_BUILD,
    is_sleeping: false,
    cors_proxy_enabled: false,
  };
}

/** llama.cpp's `GET /v1/models`: the `-m` path, twice over. */
export function llamaModels(ctx: RouteContext): unknown {
  const path = servedModel(ctx);
  const details = { parent_model: "", format: "gguf", family: "", families: [""], parameter_size: "", quantization_level: "" };
  return {
    models: [
      {
        name: path,
        model: path,
        modified_at: "",
        size: "",
        digest: "",
        type: "model",
        description: "",
        tags: [""],
        capabilities: ["completion"],
        parameters: "",
        details,
      },
    ],
    object: "list",
    data: [
      {
        id: path,
        aliases: [path],
        tags: [],
        object: "model",
        created: CREATED,
        owned_by: "llamacpp",
        meta: { vocab_type: true, n_vocab: 100277, n_ctx: N_CTX, n_ctx_train: 2048, n_embd: 64, n_params: 116160, size: 464640, ftype: "(guessed) all F32" },
      },
    ],
  };
}
