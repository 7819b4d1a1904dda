/**
 * Helpers for end-to-end searches against the simulated server: run one into a fresh SQLite file,
 * read it back with plain SQL, and pick requests out of the server's log.
 */
import { join } from "node:path";
import { search, type SearchOptions, type SearchResult } from "../../src/index.js";
import { WORLD } from "../support/sim/fixture.js";
import type { LoggedRequest, SimServer, SimWorld } from "../support/sim/index.js";
import { writeWorldTask } from "../support/task-fixture.js";
import { tempDir } from "../support/temp.js";

/** A finished search and the file it wrote. */
export interface Ran {
  readonly result: SearchResult;
  readonly db: string;
  readonly dir: string;
}

/** Search the fixture world's task on `server` with `model` (a spec), into a new database unless `db` is given. */
export async function runSearch(server: SimServer, model: string, options: Partial<SearchOptions> = {}, db?: string): Promise<Ran> {
  const dir = tempDir();
  const file = db ?? join(dir, "ape.db");
  const result = await search({ task: writeWorldTask(dir), model, baseUrls: [server.url], apiKey: "x", db: file, candidates: 12, seed: 1, ...options });
  return { result, db: file, dir };
}

/** Logged requests to `path` whose JSON body satisfies `test`. */
export function requests(server: SimServer, path: string, test: (body: Record<string, unknown>) => boolean = () => true): LoggedRequest[] {
  return server.stats.log.filter((r) => r.path === path && typeof r.body === "object" && r.body !== null && test(r.body as Record<string, unknown>));
}

/** The prompt strings of a completions body (one or a list). */
export function prompts(body: Record<string, unknown>): string[] {
  const p = body.prompt;
  return typeof p === "string" ? [p] : Array.isArray(p) ? p.filter((x): x is string => typeof x === "string") : [];
}

/** The last user message of a chat body. */
export function chatText(body: Record<string, unknown>): string {
  const messages = Array.isArray(body.messages) ? (body.messages as { role?: unknown; content?: unknown }[]) : [];
  const last = messages.filter((m) => m.role === "user").at(-1);
  return typeof last?.content === "string" ? last.content : "";
}

/**
 * The fixture world with a larger proposal pool (30 instructions at three quality levels: none,
 * one or both keywords), so that proposals by different routes and variants rarely collide.
 */
export const RICH_WORLD: SimWorld = {
  ...WORLD,
  proposals: [
    ...["Write", "Give", "Return", "State", "Produce"].flatMap((verb) => [
      `${verb} the antonym of the word, its opposite.`,
      `${verb} the antonym of the input.`,
      `${verb} the opposite of the given word.`,
      `${verb} the input word again.`,
      `${verb} a word that rhymes with the input.`,
      `${verb} the word in French.`,
    ]),
  ],
};
