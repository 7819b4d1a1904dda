/** HTTP plumbing of the simulator: errors as values, JSON bodies in and out. */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { z } from "zod";

/**
 * An error answered with an HTTP status. The body is the family's own (see `dialect.ts`); `type`
 * and `code` are used where the family's shape has room for them (OpenAI's).
 */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly type?: string,
    readonly code?: string | number,
  ) {
    super(message);
  }
}

/** The raw text of a request body. */
export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

/** Parse a body as JSON; `undefined` for an empty body. Throws `badJsonStatus` on bad JSON. */
export function parseJson(text: string, badJsonStatus = 400): unknown {
  if (text.trim() === "") return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    // llama.cpp passes its JSON library's message on (with a 500); the others say it plainly.
    const detail = error instanceof Error ? error.message : String(error);
    const message = badJsonStatus >= 500 ? `[json.exception.parse_error.101] parse error: ${detail}` : "The request body is not valid JSON.";
    throw new HttpError(badJsonStatus, message);
  }
}

/** Validate a body against a schema, answering 400 with the first problem. */
export function validate<T>(schema: z.ZodType<T>, body: unknown): T {
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const where = issue === undefined || issue.path.length === 0 ? "body" : issue.path.join(".");
  throw new HttpError(400, `Invalid request: ${where}: ${issue?.message ?? "invalid"}`);
}

/** Send a JSON response, or a plain-text one when `body` is a string. */
export function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = typeof body === "string" ? body : JSON.stringify(body);
  const type = typeof body === "string" ? "text/plain; charset=utf-8" : "application/json";
  res.writeHead(status, { "content-type": type, "content-length": Buffer.byteLength(text), ...headers });
  res.end(text);
}
