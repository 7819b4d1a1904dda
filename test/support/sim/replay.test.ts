import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call, startWorld } from "./fixture.js";
import { shapeDifferences } from "./json-shape.js";
import type { SimServer } from "./types.js";

/** One recorded exchange with the real llama-server (build 10587). */
interface Recorded {
  readonly name: string;
  readonly request: { readonly method: string; readonly path: string; readonly body?: unknown };
  readonly status: number;
  readonly body: unknown;
}

/** The recording sits beside the repository, in ../shared (as the llama-server binary does). */
const ANSWERS = join(dirname(fileURLToPath(import.meta.url)), "../../fixtures/llama-server/answers.jsonl");
if (!existsSync(ANSWERS))
  throw new Error(
    `${ANSWERS} is missing: the llamacpp family is checked against this recording of the real llama-server (test/fixtures/llama-server/README.md).`,
  );
const recorded: Recorded[] = readFileSync(ANSWERS, "utf8")
  .split("\n")
  .filter((l) => l.trim() !== "")
  .map((l) => JSON.parse(l) as Recorded);
/** The recording's model path (what `-m` was given). */
const PATH = "models/tiny-fim.gguf";

let fim: SimServer;
let plain: SimServer;
beforeAll(async () => {
  fim = await startWorld({ family: "llamacpp", fim: true, models: [PATH] });
  plain = await startWorld({ family: "llamacpp", fim: false, models: [PATH] });
});
afterAll(async () => {
  await Promise.all([fim.close(), plain.close()]);
});

describe("the llamacpp family answers every recorded request as the real llama-server did", () => {
  it("has the recording to replay", () => {
    expect(recorded.length).toBeGreaterThanOrEqual(30);
  });

  for (const line of recorded) {
    it(`${line.name}: ${line.request.method} ${line.request.path} → ${line.status}`, async () => {
      const server = line.name === "infill-plain-model" ? plain : fim;
      // A recorded body that is text was sent raw (the not-JSON case); the rest as JSON.
      const got = await call(server, line.request.path, line.request.body, line.request.method);
      expect(got.status).toBe(line.status);
      expect(shapeDifferences(line.body, got.body)).toEqual([]);
      const choices = (line.body as { choices?: unknown[] }).choices;
      if (choices !== undefined) expect((got.body as { choices: unknown[] }).choices).toHaveLength(choices.length);
    });
  }
});
