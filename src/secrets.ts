/**
 * Scrubbing secrets out of text that came from a server, before ape keeps or shows any of it. Some
 * servers and proxies quote the request's `Authorization` header in an error, and OpenAI's 401
 * quotes the key in part ("Incorrect API key provided: sk-abc12***…wxyz"): such text would reach
 * stderr, `runs.error`, `calls.error`, `ape show` and the HTML report. ModelError passes its message
 * through here, so every server's words are scrubbed where they enter ape.
 */

/** The keys a request sent (a client without a key has `null`). */
export type Secrets = readonly (string | null | undefined)[];

/** What stands in for a secret. */
export const REDACTED = "[redacted]";

/** A key shorter than this is scrubbed only where it stands alone as a word (`EMPTY`, `none`, `x` are no secrets worth garbling text for). */
const SHORT_KEY = 8;

/** How many consecutive characters of a key make a recognisable fragment of it. */
const FRAGMENT = 8;

/** The credentials of an `Authorization: Bearer` header (as ape sends the key): the scheme is kept, the token goes. */
const AUTHORIZATION = /\b(Bearer)\s+[^\s"',;)}\]]+/gi;

/**
 * Token shapes that are secrets whatever key was configured: an OpenAI-style key (`sk-…`,
 * `sk-proj-…`), a Hugging Face token (`hf_…`), and a masked key (letters around `***`).
 */
const SHAPES: readonly RegExp[] = [
  /(?<![A-Za-z0-9])sk-[A-Za-z0-9_\-*]{3,}/g,
  /(?<![A-Za-z0-9])hf_[A-Za-z0-9]{8,}/g,
  /[A-Za-z0-9_-]*[A-Za-z0-9]\*{3,}[A-Za-z0-9_\-*]*|\*{3,}[A-Za-z0-9][A-Za-z0-9_-]*/g,
];

/** A run of characters a key may be part of (no spaces, quotes or brackets). */
const WORD = /[^\s"'`,;:()[\]{}<>]+/g;

/**
 * `text` with every secret replaced by `[redacted]`: the `keys` given (whole, and any word holding
 * a fragment of 8 characters of one), bearer tokens, `sk-…`/`hf_…`-shaped tokens and masked keys.
 */
export function scrubSecrets(text: string, secrets: Secrets = []): string {
  const keys = secrets.filter((key): key is string => typeof key === "string" && key.length > 0);
  let out = text.replace(AUTHORIZATION, (_whole, scheme: string) => `${scheme} ${REDACTED}`);
  for (const key of keys) if (key.length >= SHORT_KEY) out = out.split(key).join(REDACTED);
  for (const shape of SHAPES) out = out.replace(shape, REDACTED);
  const fragments = keys.flatMap((key) => fragmentsOf(key));
  const short = new Set(keys.filter((key) => key.length < SHORT_KEY));
  if (fragments.length === 0 && short.size === 0) return out;
  return out.replace(WORD, (word) => (short.has(word) || fragments.some((f) => word.includes(f)) ? REDACTED : word));
}

/** Every run of FRAGMENT characters of a key long enough to have them. */
function fragmentsOf(key: string): string[] {
  if (key.length < SHORT_KEY) return [];
  const out: string[] = [];
  for (let i = 0; i + FRAGMENT <= key.length; i++) out.push(key.slice(i, i + FRAGMENT));
  return out;
}
