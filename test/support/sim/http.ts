/** HTTP plumbing of the simulator: errors in OpenAI's shape, JSON bodies in and out. */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { z } from "zod";

/** An error answered as `{error: {message, type, code}}` with an HTTP status. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly type: string = "invalid_request_error",
    readonly code: string | number | null = null,
  ) {
    super(message);
  }

  /** The JSON body OpenAI-compatible servers send with an error. */
  body(): { error: { message: string; type: string; code: string | number | null } } {
    return { error: { message: this.message, type: this.type, code: this.code } };
  }
}

/** The raw text of a request body. */
export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

/** Parse a body as JSON; `undefined` for an empty body. Throws a 400 on bad JSON. */
export function parseJson(text: string): unknown {
  if (text.trim() === "") return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new HttpError(400, "The request body is not valid JSON.");
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

/** Send a JSON response. */
export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text), ...headers });
  res.end(text);
}
