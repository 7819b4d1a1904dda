/** Which handler answers which method and path; everything else is a 404 in OpenAI's shape. */
import { chat } from "./chat.js";
import { completions } from "./completions.js";
import { CREATED } from "./context.js";
import { HttpError } from "./http.js";
import { infill, tokenizeRoute } from "./llamacpp.js";
import type { RouteContext, RouteResult } from "./context.js";

function models(ctx: RouteContext): RouteResult {
  const data = ctx.models.map((id) => ({ id, object: "model", created: CREATED, owned_by: "ape-sim" }));
  return { body: { object: "list", data }, prompts: 0, choices: 0, promptTokens: 0, completionTokens: 0 };
}

/** Dispatch one request. Throws `HttpError` for refusals. */
export function route(ctx: RouteContext, method: string, path: string, body: unknown): RouteResult {
  const key = `${method} ${path}`;
  if (key === "GET /v1/models") return models(ctx);
  if (key === "POST /v1/completions") return completions(ctx, body);
  if (key === "POST /v1/chat/completions") return chat(ctx, body);
  if (ctx.rules.llamacppRoutes && key === "POST /infill") return infill(ctx, body);
  if (ctx.rules.llamacppRoutes && key === "POST /tokenize") return tokenizeRoute(body);
  throw new HttpError(404, `Not found: ${method} ${path}`, "invalid_request_error", "not_found");
}
