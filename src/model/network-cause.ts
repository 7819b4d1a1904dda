/**
 * Why a request never got an HTTP answer, in words, from the codes Node puts on its causes: one
 * wording for every way ape talks to the network (model servers and model downloads).
 */

const PHRASES: Readonly<Record<string, string>> = {
  ECONNREFUSED: "connection refused",
  ENOTFOUND: "the host name does not resolve",
  EAI_AGAIN: "the host name does not resolve",
  ECONNRESET: "the connection was reset",
  ETIMEDOUT: "the connection timed out",
  UND_ERR_CONNECT_TIMEOUT: "the connection timed out",
  EHOSTUNREACH: "the host is unreachable",
  ENETUNREACH: "the network is unreachable",
};

/** The phrase for the network error code of `error`, if it has a known one. */
function phraseOf(error: unknown): string | undefined {
  const code = error && typeof error === "object" && "code" in error ? String(error.code) : undefined;
  return code !== undefined && Object.hasOwn(PHRASES, code) ? PHRASES[code] : undefined;
}

/** True when `error` or one of its causes carries a network error code (connection refused, DNS, reset, timeout). */
export function hasNetworkCode(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 10; e = e.cause, depth++) {
    if (phraseOf(e) !== undefined) return true;
  }
  return false;
}

/** The innermost cause of a failed request in words: a phrase for a known network error code, else its message. */
export function describeNetworkCause(error: Error): string {
  let cause: unknown = error.cause;
  while (cause instanceof Error && cause.cause instanceof Error) cause = cause.cause;
  return phraseOf(cause) ?? (cause instanceof Error ? cause.message : error.message);
}
