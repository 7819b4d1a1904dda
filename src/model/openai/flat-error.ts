/**
 * Error bodies in the shape the `openai` client reads. OpenAI, vLLM and llama.cpp send
 * `{"error": {"message", …}}`; SGLang sends the fields flat (`{"object": "error", "message", …,
 * "code": 400}`), which the client would report as "(no body)", losing the server's words.
 */

/** The error body `text` with a flat `{message, …}` wrapped as `{error: {message, …}}`; other text unchanged. */
export function nestFlatError(text: string): string {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return text;
  }
  if (!body || typeof body !== "object" || Array.isArray(body) || "error" in body || !("message" in body)) return text;
  return JSON.stringify({ error: body });
}
