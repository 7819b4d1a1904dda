/**
 * ape as another project installs it without its optional in-process backend (test/support/consumer.ts):
 * `ape --version` says ape's version, not the project's, and the embedded default model, which needs
 * node-llama-cpp, says how to add it. Node runs the links as the copies they stand for
 * (`--preserve-symlinks`): from their real paths, yargs would find this repository's package.json.
 */
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { EXIT } from "../../src/errors.js";
import { VERSION } from "../support/cli.js";
import { consumerProject } from "../support/consumer.js";
import { writeSmallTask } from "../support/task-fixture.js";

describe("ape installed in a project", () => {
  let project = "";
  const ape = (...args: string[]) =>
    spawnSync(process.execPath, ["--preserve-symlinks", "--preserve-symlinks-main", join(project, "node_modules/ape-search/bin/ape.js"), ...args], {
      cwd: project,
      encoding: "utf8",
    });
  beforeAll(() => {
    project = consumerProject();
  });

  it("ape --version says ape's version", () => {
    const r = ape("--version");
    expect(r.stdout).toBe(`${VERSION}\n`);
    expect(r.status).toBe(0);
  });

  it("without node-llama-cpp, the embedded default model says to install it", () => {
    const r = ape("search", "--task", writeSmallTask(project), "--db", join(project, "ape.db"), "--progress", "none");
    expect(r.stderr).toContain("an optional dependency of ape-search that is not installed here: add it with `npm install node-llama-cpp`");
    expect(r.stderr.split("\n")).toHaveLength(2);
    expect(r.status).toBe(EXIT.usage);
  });
});
