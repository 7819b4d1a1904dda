/** Paths built from what the user typed, so that messages show their part exactly as typed. */
import { sep } from "node:path";

/**
 * `parts` below the folder `dir`, with `dir` kept as written (`./data//` stays `./data//`, where
 * `path.join` would print `data/`).
 */
export function under(dir: string, ...parts: readonly string[]): string {
  const rest = parts.join(sep);
  return dir.endsWith("/") || dir.endsWith(sep) ? `${dir}${rest}` : `${dir}${sep}${rest}`;
}
