/**
 * A project that installed ape-search as `npm install ape-search --omit=optional` would leave it: a
 * copy of the package's files in its node_modules, beside links to the production dependencies
 * (and theirs, optional ones included where installed); node-llama-cpp, optional, is not there.
 */
import { cpSync, existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { tempDir } from "./temp.js";

const ROOT = join(import.meta.dirname, "..", "..");

/** This repository's node_modules. */
export const MODULES = join(ROOT, "node_modules");

interface Manifest {
  readonly dependencies?: Readonly<Record<string, string>>;
  readonly optionalDependencies?: Readonly<Record<string, string>>;
  readonly files?: readonly string[];
}

const manifest = (dir: string): Manifest => JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as Manifest;

/**
 * The packages of this repository's node_modules (its top level, by name) that ape-search's
 * `dependencies` bring, found as Node finds them: from each package's own node_modules up.
 */
export function productionPackages(): Set<string> {
  const found = new Set<string>();
  const seen = new Set<string>();
  const visit = (from: string, names: readonly string[]): void => {
    for (const name of names) {
      let dir = from;
      while (!existsSync(join(dir, "node_modules", name, "package.json")) && dir !== ROOT) dir = dirname(dir);
      const at = join(dir, "node_modules", name);
      if (seen.has(at) || !existsSync(join(at, "package.json"))) continue;
      seen.add(at);
      if (dir === ROOT) found.add(name);
      const own = manifest(at);
      visit(at, [...Object.keys(own.dependencies ?? {}), ...Object.keys(own.optionalDependencies ?? {})]);
    }
  };
  visit(ROOT, Object.keys(manifest(ROOT).dependencies ?? {}));
  return found;
}

/** A fresh project (its own package.json at version 9.9.9) with ape-search installed (`npm run build` first). */
export function consumerProject(): string {
  const dir = tempDir("ape-consumer-");
  writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "consumer", version: "9.9.9", private: true }));
  const own = join(dir, "node_modules", "ape-search");
  for (const file of [...(manifest(ROOT).files ?? []), "package.json"]) cpSync(join(ROOT, file), join(own, file), { recursive: true });
  for (const name of productionPackages()) {
    const link = join(dir, "node_modules", name);
    mkdirSync(dirname(link), { recursive: true });
    symlinkSync(join(MODULES, name), link, "dir");
  }
  return dir;
}
