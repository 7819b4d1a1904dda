/** Paths built from what the user typed, so that messages show their part exactly as typed, and whether one exists. */
import { access } from "node:fs/promises";
import { sep } from "node:path";

/**
 * `parts` below the folder `dir`, with `dir` kept as written (`./data//` stays `./data//`, where
 * `path.join` would print `data/`).
 */
export function under(dir: string, ...parts: readonly string[]): string {
  const rest = parts.join(sep);
  return dir.endsWith("/") || dir.endsWith(sep) ? `${dir}${rest}` : `${dir}${sep}${rest}`;
}

/** Whether something exists at `file`. */
export async function exists(file: string): Promise<boolean> {
  try {
    await access(file);
    return true;
  } catch {
    return false;
  }
}
