/** The files of src/ the house tests read. */
import { readdirSync } from "node:fs";
import { join } from "node:path";

/** The source folder. */
export const SRC = join(import.meta.dirname, "..", "..", "src");

/** Every `.ts` file under a folder. */
export function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith(".ts") ? [path] : [];
  });
}
