/**
 * The tiny GGUF as a file for tests: generated once per option set into test/.tmp/gguf (git-ignored)
 * and written atomically, so parallel test files can share it.
 */
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, rename, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { tinyGgufBytes, type TinyGgufOptions } from "./tiny-gguf.js";

/** Folder of generated test models. */
export const TINY_DIR = resolve(fileURLToPath(new URL("../../.tmp/gguf", import.meta.url)));

/** Path of the tiny model for `options`, creating the file when it is missing. */
export async function tinyModelFile(options: TinyGgufOptions = {}): Promise<string> {
  const bytes = tinyGgufBytes(options);
  const name = `tiny-s${options.seed ?? 1}${options.fim === true ? "-fim" : ""}${options.chatTemplate !== undefined ? "-chat" : ""}${options.asciiBytes === true ? "-ascii" : ""}-${createHash("sha1").update(bytes).digest("hex").slice(0, 12)}.gguf`;
  const file = join(TINY_DIR, name);
  if (existsSync(file)) return file;
  await mkdir(TINY_DIR, { recursive: true });
  const temp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  await writeFile(temp, bytes);
  await rename(temp, file);
  return file;
}

/** A ChatML chat template, for a tiny model made with `chatml: true`. */
export const TINY_CHATML_TEMPLATE =
  "{% for m in messages %}<|im_start|>{{ m['role'] }}\n{{ m['content'] }}<|im_end|>\n{% endfor %}{% if add_generation_prompt %}<|im_start|>assistant\n{% endif %}";

/**
 * The tiny model with every feature a server can find: FIM tokens and a ChatML template. `asciiBytes`
 * for llama-server, which needs sampled text to be valid UTF-8; not in-process, where llama.cpp
 * aborts when node-llama-cpp's chat wrapper asks for a byte token the model lacks.
 */
export function tinyFullModelFile(options: { readonly asciiBytes?: boolean } = {}): Promise<string> {
  return tinyModelFile({ fim: true, chatml: true, chatTemplate: TINY_CHATML_TEMPLATE, asciiBytes: options.asciiBytes === true });
}
