/** Temporary folders for tests. */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** A fresh temporary folder, left for the OS to clean (for tests that hand it to child processes). */
export function tempDir(prefix = "ape-test-"): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** A fresh temporary folder and a function that removes it. */
export async function tempFolder(prefix = "ape-test-"): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = tempDir(prefix);
  return { dir, cleanup: async () => rmSync(dir, { recursive: true, force: true }) };
}
