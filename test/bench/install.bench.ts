/**
 * Install: what `npm install` of the packed library costs a project, with the in-process backend
 * (node-llama-cpp, an optional dependency, and the native builds it pulls: CPU, CUDA, Vulkan) and
 * without it (`--omit=optional`). Each variant installs the `npm pack` tarball into a fresh project
 * with an empty npm cache, so every package is downloaded from the registry, as on a first install;
 * install scripts run as npm runs them by default. Figures: wall time, the size of node_modules
 * (bytes of its files), how many packages it holds, and whether the installed `ape` starts.
 */
import { spawnSync } from "node:child_process";
import { lstatSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { tempDir } from "../support/temp.js";
import { fmt } from "./gateway-support.js";

const ROOT = join(import.meta.dirname, "..", "..");

/** Bytes of the files under `path` (links counted as themselves). */
function bytesUnder(path: string): number {
  let info: ReturnType<typeof lstatSync>;
  try {
    info = lstatSync(path);
  } catch {
    return 0;
  }
  if (!info.isDirectory()) return info.size;
  return readdirSync(path).reduce((sum, name) => sum + bytesUnder(join(path, name)), 0);
}

const mb = (bytes: number): string => fmt(bytes / 1e6, 1);

/** `npm …args` in `cwd`; its status, the last of its output, and how long it took. */
function npm(args: readonly string[], cwd: string): { readonly ok: boolean; readonly out: string; readonly seconds: number } {
  const start = process.hrtime.bigint();
  const r = spawnSync("npm", args, { cwd, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  return { ok: r.status === 0, out: `${r.stdout}${r.stderr}`.trim().split("\n").slice(-6).join("\n"), seconds };
}

/** Install `tarball` into a fresh project with `extra` flags, measure the result, and remove the project (near a GB with its cache). */
function install(tarball: string, extra: readonly string[]): string {
  const dir = tempDir("ape-bench-install-");
  try {
    return measure(dir, tarball, extra);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Install `tarball` into the project `dir`, and measure the result. */
function measure(dir: string, tarball: string, extra: readonly string[]): string {
  writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "consumer", private: true }));
  const r = npm(["install", tarball, "--no-audit", "--no-fund", "--cache", join(dir, "npm-cache"), ...extra], dir);
  if (!r.ok) return `failed after ${fmt(r.seconds, 0)} s:\n${r.out}`;
  const modules = join(dir, "node_modules");
  const lock = JSON.parse(readFileSync(join(modules, ".package-lock.json"), "utf8")) as { packages: Record<string, unknown> };
  const llama = bytesUnder(join(modules, "node-llama-cpp")) + bytesUnder(join(modules, "@node-llama-cpp"));
  const cli = spawnSync(process.execPath, [join(modules, "ape-search", "bin", "ape.js"), "--version"], { encoding: "utf8" });
  const starts = cli.status === 0 ? `yes (${cli.stdout.trim()})` : `no: ${cli.stderr.trim().split("\n")[0]}`;
  return [
    fmt(r.seconds, 1).padStart(8),
    mb(bytesUnder(modules)).padStart(17),
    String(Object.keys(lock.packages).length).padStart(9),
    mb(llama).padStart(20),
    `  ${starts}`,
  ].join("");
}

/** Run the comparison. */
export async function run(): Promise<void> {
  const out = tempDir("ape-bench-pack-");
  const pack = spawnSync("npm", ["pack", "--ignore-scripts", "--json", "--pack-destination", out], { cwd: ROOT, encoding: "utf8" });
  if (pack.status !== 0) throw new Error(`npm pack failed: ${pack.stderr}`);
  const [packed] = JSON.parse(pack.stdout) as { filename: string; size: number; unpackedSize: number }[];
  if (packed === undefined) throw new Error("npm pack made no tarball");
  const tarball = join(out, packed.filename);
  console.log(`install: ${packed.filename} (${mb(packed.size)} MB packed, ${mb(packed.unpackedSize)} MB unpacked) into a fresh project, empty npm cache`);
  console.log(
    `${"command".padEnd(40)}${"time s".padStart(8)}${"node_modules MB".padStart(17)}${"packages".padStart(9)}${"node-llama-cpp MB".padStart(20)}  ape starts`,
  );
  for (const [name, extra] of [
    ["npm install <tarball>", []],
    ["npm install <tarball> --omit=optional", ["--omit=optional"]],
  ] as const) {
    console.log(`${name.padEnd(40)}${install(tarball, extra)}`);
  }
  rmSync(out, { recursive: true, force: true });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) await run();
