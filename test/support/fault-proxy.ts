/**
 * A loopback HTTP proxy in front of any OpenAI-compatible server (the simulator or the real
 * llama-server) that keeps every request it forwards and injects faults into the search's model
 * calls, deterministically: by request number, or by a hash of a seed and the request number.
 *
 * Faults: 5xx, 429 with `retry-after`, a dropped connection (never forwarded), a 200 whose answer is
 * cut (`choices: []`, one choice fewer than asked, a choice without its text), and a deterministic
 * 500 (the same request always gets the same 500, as llama.cpp's "Content-only format" error).
 * Probe requests (they ask for at most one token) are forwarded untouched and are not numbered.
 */
import { createServer, type IncomingMessage, request as httpRequest, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { pick, unit } from "./sim/hash.js";

/** The faults the proxy can inject. */
export const PROXY_FAULTS = ["500", "503", "429", "drop", "empty-choices", "short-choices", "missing-text", "same-500"] as const;
/** One fault. */
export type ProxyFault = (typeof PROXY_FAULTS)[number];

/** The words of the deterministic 500: the real llama-server's (build 10587) for a sample that is not valid UTF-8. */
export const SAME_500_MESSAGE = "The model produced output that does not match the expected Content-only format";

/** What to inject. */
export interface FaultSettings {
  /** Seed of the random draws. @default 0 */
  readonly seed?: number;
  /** Fraction (0..1) of numbered requests that fault, with a kind drawn from `kinds`. @default 0 */
  readonly rate?: number;
  /** Kinds drawn from by `rate`. @default every kind but "same-500" */
  readonly kinds?: readonly ProxyFault[];
  /** Scripted faults by request number (1 = the first numbered request); they come before `rate`. */
  readonly at?: Readonly<Record<number, ProxyFault>>;
  /** Requests whose body this returns true for always get the deterministic 500. */
  readonly same500?: (body: unknown) => boolean;
  /** Numbered requests after this many are held: never answered until the proxy closes. */
  readonly holdAfter?: number;
  /** The `retry-after` of a 429, in seconds. @default 1 */
  readonly retryAfterSeconds?: number;
}

/** One request the proxy received. */
export interface ProxiedRequest {
  readonly method: string;
  readonly path: string;
  /** The parsed JSON body (`undefined` when there is none or it is not JSON). */
  readonly body: unknown;
  /** Its number among the search's model calls (1-based); `undefined` for probe and other requests. */
  readonly number: number | undefined;
  /** The fault injected, if any. */
  readonly fault: ProxyFault | undefined;
  /** The HTTP status the client got; `undefined` while in flight, when dropped or held. */
  status: number | undefined;
}

/** A running proxy. */
export interface FaultProxy {
  /** The proxy's URL for the target's `/v1`. */
  readonly url: string;
  /** Every request so far, oldest first. */
  readonly requests: readonly ProxiedRequest[];
  /** Replace the fault settings (numbering goes on). */
  setFaults(settings: FaultSettings): void;
  close(): Promise<void>;
}

/** Whether a request is one of the search's model calls: a generation asking for more than one token (probes ask for at most one). */
export function isModelCall(path: string, body: unknown): boolean {
  if (!/\/(completions|infill)$/.test(path) || !body || typeof body !== "object") return false;
  const most = "max_tokens" in body ? Number(body.max_tokens) : "n_predict" in body ? Number(body.n_predict) : 0;
  return most > 1;
}

/** Prompts a request carries (a list `prompt` carries several). */
export function promptsOf(body: unknown): number {
  if (!body || typeof body !== "object") return 0;
  return "prompt" in body && Array.isArray(body.prompt) ? body.prompt.length : 1;
}

/** Forward to `target` (an origin such as `http://127.0.0.1:8080`), injecting `settings`' faults. */
export async function startFaultProxy(target: string, settings: FaultSettings = {}): Promise<FaultProxy> {
  const to = new URL(target);
  const requests: ProxiedRequest[] = [];
  let faults = settings;
  let numbered = 0;
  const held: ServerResponse[] = [];

  const decide = (n: number, body: unknown): ProxyFault | undefined => {
    if (faults.same500?.(body)) return "same-500";
    const scripted = faults.at?.[n];
    if (scripted) return scripted;
    const seed = faults.seed ?? 0;
    if ((faults.rate ?? 0) > 0 && unit(seed, "proxy-fault", n) < (faults.rate ?? 0)) {
      const kinds = faults.kinds ?? PROXY_FAULTS.filter((k) => k !== "same-500");
      return kinds[pick(kinds.length, seed, "proxy-fault-kind", n)];
    }
    return undefined;
  };

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const raw = Buffer.concat(chunks);
      const body = parseJson(raw);
      const path = (req.url ?? "/").split("?")[0] ?? "/";
      const number = isModelCall(path, body) ? ++numbered : undefined;
      const fault = number === undefined ? undefined : decide(number, body);
      const entry: ProxiedRequest = { method: req.method ?? "GET", path, body, number, fault, status: undefined };
      requests.push(entry);
      res.on("finish", () => {
        entry.status = res.statusCode;
      });
      if (number !== undefined && faults.holdAfter !== undefined && number > faults.holdAfter) {
        held.push(res);
        return;
      }
      if (fault !== undefined && answerFault(fault, number ?? 0, req, res, faults)) return;
      forward(to, req, raw, res, fault);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    setFaults: (s) => {
      faults = s;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of held) res.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Answer a fault that needs no server; false for the kinds that cut a real answer. */
function answerFault(fault: ProxyFault, number: number, req: IncomingMessage, res: ServerResponse, s: FaultSettings): boolean {
  const error = (status: number, message: string, type: string): void => {
    const headers: Record<string, string> = { "content-type": "application/json" };
    if (status === 429) headers["retry-after"] = String(s.retryAfterSeconds ?? 1);
    res.writeHead(status, headers);
    res.end(JSON.stringify({ error: { code: status, message, type } }));
  };
  switch (fault) {
    case "500":
      // Real servers' 500s name the request (OpenAI: "Please include the request ID …"), so two differ.
      error(500, `Internal server error (injected; request id ${number}).`, "server_error");
      return true;
    case "same-500":
      error(500, SAME_500_MESSAGE, "server_error");
      return true;
    case "503":
      error(503, "Service unavailable (injected).", "server_error");
      return true;
    case "429":
      error(429, "Rate limit reached (injected).", "rate_limit_exceeded");
      return true;
    case "drop":
      req.socket.destroy();
      return true;
    default:
      return false;
  }
}

/** Forward the request; a 200 JSON answer is cut as `fault` says before it is passed on. */
function forward(to: URL, req: IncomingMessage, raw: Buffer, res: ServerResponse, fault: ProxyFault | undefined): void {
  const upstream = httpRequest({ host: to.hostname, port: to.port, method: req.method, path: req.url, headers: { ...req.headers, host: to.host } }, (up) => {
    if (fault === undefined || up.statusCode !== 200) {
      res.writeHead(up.statusCode ?? 502, up.headers);
      up.pipe(res);
      return;
    }
    const parts: Buffer[] = [];
    up.on("data", (c: Buffer) => parts.push(c));
    up.on("end", () => {
      const text = JSON.stringify(cut(parseJson(Buffer.concat(parts)), fault));
      const headers = { ...up.headers, "content-length": String(Buffer.byteLength(text)) };
      delete headers["transfer-encoding"];
      res.writeHead(200, headers);
      res.end(text);
    });
  });
  upstream.on("error", () => res.destroy());
  upstream.end(raw);
}

/** A 200 answer cut by `fault`: choices emptied, one fewer, or the first without its text (an array answer: its first object). */
function cut(body: unknown, fault: ProxyFault): unknown {
  if (Array.isArray(body)) return body.length === 0 ? body : [cut(body[0], fault), ...body.slice(1)];
  if (!body || typeof body !== "object") return body;
  const answer = body as Record<string, unknown>;
  if (!Array.isArray(answer.choices)) {
    // /infill answers `{content}`: every cut takes the text away.
    const { content: _content, ...rest } = answer;
    return rest;
  }
  const choices = answer.choices as Record<string, unknown>[];
  switch (fault) {
    case "empty-choices":
      return { ...answer, choices: [] };
    case "short-choices":
      return { ...answer, choices: choices.slice(0, -1) };
    default: {
      const [first, ...others] = choices;
      if (!first) return answer;
      const { text: _text, message, ...rest } = first;
      const bare = message && typeof message === "object" ? { ...rest, message: { role: "assistant" } } : rest;
      return { ...answer, choices: [bare, ...others] };
    }
  }
}

function parseJson(raw: Buffer): unknown {
  if (raw.length === 0) return undefined;
  try {
    return JSON.parse(raw.toString("utf8"));
  } catch {
    return undefined;
  }
}

/** Whether a model call asks for proposals (ape samples instructions at temperature 0.9; evaluations at 0). */
export function isProposal(body: unknown): boolean {
  return !!body && typeof body === "object" && "temperature" in body && body.temperature === 0.9;
}

/** Prompts the server answered (any status) among `requests`' model calls, and those the proxy received. */
export function answeredPrompts(requests: readonly ProxiedRequest[]): { readonly answered: number; readonly received: number } {
  const calls = requests.filter((r) => r.number !== undefined);
  return {
    answered: calls.filter((r) => r.status !== undefined).reduce((n, r) => n + promptsOf(r.body), 0),
    received: calls.reduce((n, r) => n + promptsOf(r.body), 0),
  };
}

/** A `same500` that picks the first proposal request it sees, and how many times that request was received. */
export function firstProposalFailsAlike(): { readonly same500: (body: unknown) => boolean; tries(proxy: FaultProxy): number } {
  let target: string | undefined;
  return {
    same500: (body) => {
      if (!isProposal(body)) return false;
      target ??= JSON.stringify(body);
      return JSON.stringify(body) === target;
    },
    tries: (proxy) => proxy.requests.filter((r) => JSON.stringify(r.body) === target).length,
  };
}
