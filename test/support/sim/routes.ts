/**
 * Which handler answers which method and path, per family: the OpenAI routes everywhere, and each
 * server's own extras (llama.cpp: `/health`, `/props`, `/infill`, `/tokenize`; vLLM: `/tokenize`).
 * Anything else gets the family's own 404.
 */
import { chat } from "./chat.js";
import { completions } from "./completions.js";
import { CREATED, infoResult } from "./context.js";
import { unknownRoute } from "./dialect.js";
import { infill } from "./llamacpp.js";
import { health, llamaModels, props } from "./llamacpp-info.js";
import { llamaTokenize, MAX_MODEL_LEN, vllmTokenize } from "./tokenize.js";
import type { RouteContext, RouteResult } from "./context.js";
import type { Reply } from "./dialect.js";

/** Who `/v1/models` says owns a model, per server software. */
const OWNERS = { openai: "system", vllm: "vllm", sglang: "sglang", ollama: "library" } as const;

function models(ctx: RouteContext): RouteResult {
  const dialect = ctx.rules.dialect;
  if (dialect === "llamacpp") return infoResult(llamaModels(ctx));
  const served = dialect === "vllm" || dialect === "sglang";
  const data = ctx.models.map((id) => ({
    id,
    object: "model",
    created: CREATED,
    owned_by: OWNERS[dialect],
    ...(served ? { root: id, max_model_len: MAX_MODEL_LEN } : {}),
  }));
  return infoResult({ object: "list", data });
}

type Handler = (ctx: RouteContext, body: unknown) => RouteResult;

const COMMON: Readonly<Record<string, Handler>> = {
  "GET /v1/models": models,
  "POST /v1/completions": completions,
  "POST /v1/chat/completions": chat,
};

const NATIVE: Readonly<Record<string, Readonly<Record<string, Handler>>>> = {
  llamacpp: {
    "GET /health": () => infoResult(health()),
    "GET /props": (ctx) => infoResult(props(ctx)),
    "POST /infill": infill,
    "POST /tokenize": llamaTokenize,
  },
  vllm: { "POST /tokenize": vllmTokenize },
};

/** Dispatch one request: a result, or the family's 404 for a route it lacks. Throws `HttpError` for refusals. */
export function route(ctx: RouteContext, method: string, path: string, body: unknown): RouteResult | Reply {
  const key = `${method} ${path}`;
  const handler = COMMON[key] ?? NATIVE[ctx.rules.dialect]?.[key];
  return handler === undefined ? unknownRoute(ctx.rules.dialect, method, path) : handler(ctx, body);
}
