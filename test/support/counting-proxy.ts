/**
 * A loopback HTTP proxy that forwards every request to a real server and keeps what was sent, so a
 * test can count requests and read their bodies where the server itself keeps no such log.
 */
import { createServer, request as httpRequest } from "node:http";
import type { AddressInfo } from "node:net";

/** One forwarded request. */
export interface ProxiedRequest {
  readonly method: string;
  readonly path: string;
  /** The parsed JSON body (`undefined` when there is none or it is not JSON). */
  readonly body: unknown;
}

/** A running proxy. */
export interface CountingProxy {
  /** The proxy's URL for `target`'s `/v1`. */
  readonly url: string;
  /** Every request so far, oldest first. */
  readonly requests: readonly ProxiedRequest[];
  close(): Promise<void>;
}

/** Forward to `target` (an origin such as `http://127.0.0.1:8080`). */
export async function startCountingProxy(target: string): Promise<CountingProxy> {
  const to = new URL(target);
  const requests: ProxiedRequest[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const raw = Buffer.concat(chunks);
      let body: unknown;
      try {
        body = raw.length > 0 ? JSON.parse(raw.toString("utf8")) : undefined;
      } catch {
        body = undefined;
      }
      requests.push({ method: req.method ?? "GET", path: (req.url ?? "/").split("?")[0] ?? "/", body });
      const upstream = httpRequest(
        { host: to.hostname, port: to.port, method: req.method, path: req.url, headers: { ...req.headers, host: to.host } },
        (up) => {
          res.writeHead(up.statusCode ?? 502, up.headers);
          up.pipe(res);
        },
      );
      upstream.on("error", () => res.destroy());
      upstream.end(raw);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
