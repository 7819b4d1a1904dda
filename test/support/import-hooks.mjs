/**
 * Module hooks for a child `node --import ./test/support/import-hooks.mjs …`, for tests of what a
 * command loads. `APE_RECORD_IMPORTS=FILE` appends every URL the child resolves to FILE, one a line,
 * and as it exits every CommonJS module it required (their `require`s do not pass the hooks);
 * `APE_HIDE_PACKAGES=a,b` makes those packages fail to resolve, with Node's own error, as if not installed.
 * On the main thread the file registers itself; on the hooks thread it is the hooks.
 */
import { appendFileSync } from "node:fs";
import { createRequire, register } from "node:module";
import { pathToFileURL } from "node:url";
import { isMainThread } from "node:worker_threads";

const record = process.env.APE_RECORD_IMPORTS;

if (isMainThread) {
  register(import.meta.url);
  // One cache holds every CommonJS module of the process, however it was required.
  const required = createRequire(import.meta.url).cache;
  const requiredUrls = () => Object.keys(required).map((file) => `${pathToFileURL(file).href}\n`);
  if (record) process.on("exit", () => appendFileSync(record, requiredUrls().join("")));
}
const hidden = new Set((process.env.APE_HIDE_PACKAGES ?? "").split(",").filter((name) => name !== ""));

/** Resolve as Node does, from nowhere for a hidden package (so Node says it cannot find it), and note the URL. */
export async function resolve(specifier, context, next) {
  const name = specifier.startsWith("@") ? specifier.split("/", 2).join("/") : specifier.split("/", 1)[0];
  const resolved = await next(specifier, hidden.has(name) ? { ...context, parentURL: "file:///nowhere/ape.js" } : context);
  if (record) appendFileSync(record, `${resolved.url}\n`);
  return resolved;
}
