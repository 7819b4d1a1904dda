/**
 * The simulated server: a node:http server on 127.0.0.1 that routes requests, injects faults,
 * checks the API key, counts everything, and on close() ends every request and socket.
 */
import { createServer } from "node:http";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Socket } from "node:net";
import { CREATED } from "./context.js";
import { errorBody, needsKey } from "./dialect.js";
import { FAMILIES } from "./families.js";
import { FaultPlan } from "./faults.js";
import { HttpError, parseJson, readBody, send } from "./http.js";
import { StatsRecorder } from "./stats.js";
import { route } from "./routes.js";
import type { RouteContext } from "./context.js";
import type { FaultConfig, FaultKind, SimOptions, SimServer } from "./types.js";

/** Start a simulated OpenAI-compatible server on a random loopback port. */
export async function startSimServer(options: SimOptions): Promise<SimServer> {
  const family = options.family ?? "vllm";
  const seed = options.seed ?? 0;
  const stats = new StatsRecorder(options.logLimit ?? 1000);
  const faults = new FaultPlan(seed, options.faults);
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  let ids = 0;
  const rules = FAMILIES[family];
  const ctx: RouteContext = {
    model: { world: options.world, seed, fim: options.fim ?? false },
    family,
    rules,
    models: options.models ?? ["sim-model"],
    maxPrompts: options.maxPromptsPerRequest ?? 64,
    insert: options.insert ?? false,
    nextId: (prefix) => `${prefix}-sim-${++ids}`,
  };

  const sleep = (ms: number): Promise<void> =>
    new Promise((resolve) => {
      if (ms <= 0) return resolve();
      const timer = setTimeout(() => {
        timers.delete(timer);
        resolve();
      }, ms);
      timers.add(timer);
    });

  function fault(kind: FaultKind, req: IncomingMessage, res: ServerResponse): void {
    stats.faults[kind] += 1;
    switch (kind) {
      case "429":
        send(res, 429, errorBody(rules.dialect, new HttpError(429, "Rate limit reached (simulated).", "requests", "rate_limit_exceeded")), {
          "retry-after": String(faults.retryAfterSeconds),
        });
        return;
      case "500":
        send(res, 500, errorBody(rules.dialect, new HttpError(500, "Internal server error (simulated).", "server_error")));
        return;
      case "503":
        send(res, 503, errorBody(rules.dialect, new HttpError(503, "Service unavailable (simulated).", "server_error")));
        return;
      case "malformed":
        res.writeHead(200, { "content-type": "application/json" });
        res.end(`{"id":"cmpl-broken","object":"text_completion","created":${CREATED},"choices":[{"text":`);
        return;
      case "drop":
        req.socket.destroy();
        return;
      case "hang":
        return;
      case "401-key":
        send(res, 401, errorBody(rules.dialect, new HttpError(401, openaiBadKey(sentKey(req)), "invalid_request_error", "invalid_api_key")));
        return;
      case "502-echo":
        send(res, 502, proxyPage(req), { "content-type": "text/html" });
        return;
    }
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const arrived = performance.now();
    const method = req.method ?? "GET";
    const path = (req.url ?? "/").split("?")[0] ?? "/";
    stats.begin(`${method} ${path}`);
    res.on("close", () => stats.end());
    const text = await readBody(req);
    const decision = faults.next(path, text);
    let body: unknown;
    try {
      body = parseJson(text);
    } catch {
      body = undefined;
    }
    // The latency counts from the request's arrival, the server's own work included (as a real
    // server's does): the answer is made first, then held back for what is left of it.
    const waitOut = (): Promise<void> => sleep(Math.max(0, decision.delayMs - (performance.now() - arrived)));
    if (decision.fault !== undefined) {
      await waitOut();
      stats.record({ method, path, body, outcome: decision.fault });
      return fault(decision.fault, req, res);
    }
    let reply: { status: number; body: unknown };
    try {
      if (options.apiKey !== undefined && needsKey(rules.dialect, path) && req.headers.authorization !== `Bearer ${options.apiKey}`) {
        throw new HttpError(401, "Incorrect API key provided.", "invalid_request_error", "invalid_api_key");
      }
      const result = route(ctx, method, path, parseJson(text, rules.badJsonStatus));
      if ("status" in result) {
        reply = result;
      } else {
        stats.answered(result.prompts, result.choices, result.promptTokens, result.completionTokens);
        reply = { status: 200, body: result.body };
      }
    } catch (error) {
      const http = error instanceof HttpError ? error : new HttpError(500, String(error), "server_error");
      reply = { status: http.status, body: errorBody(rules.dialect, http) };
    }
    await waitOut();
    send(res, reply.status, reply.body);
    stats.record({ method, path, body, outcome: reply.status });
  }

  /** The key a request sent (`Authorization: Bearer <key>`), or "" when it sent none. */
  const sentKey = (req: IncomingMessage): string => (req.headers.authorization ?? "").replace(/^Bearer\s+/i, "");

  /** OpenAI's words for a bad key: the key's first 8 and last 4 characters, starred in between. */
  const openaiBadKey = (key: string): string =>
    `Incorrect API key provided: ${key.slice(0, 8)}${"*".repeat(Math.max(3, key.length - 12))}${key.slice(-4)}. You can find your API key at https://platform.openai.com/account/api-keys.`;

  /** A proxy's 502 page that reports the request it could not forward, headers and all. */
  const proxyPage = (req: IncomingMessage): string =>
    `<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1><p>upstream connect error for ${req.method} ${req.url}; request headers: authorization: ${req.headers.authorization ?? ""}</p></body></html>`;

  const server = createServer((req, res) => {
    handle(req, res).catch(() => res.destroy());
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => resolve());
  });
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("simulated server has no TCP address");
  const port = address.port;

  return {
    url: `http://127.0.0.1:${port}/v1`,
    port,
    stats,
    setFaults(config: FaultConfig): void {
      faults.set(config);
    },
    async close(): Promise<void> {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const socket of sockets) socket.destroy();
      await closed;
    },
  };
}
