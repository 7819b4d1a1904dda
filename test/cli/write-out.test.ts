/**
 * `--out` on a disk that refuses: the report or export is written whole or not at all (a file
 * that was there stays as it was, nothing half-written or temporary is left), with exit code 6
 * and a message naming the file. The disk is made to refuse for real: a process whose files may
 * not grow past a few kilobytes (as on a full disk), and Linux's /dev/full (ENOSPC on every write).
 */
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EXIT } from "../../src/errors.js";
import { ape, canLimitFileSize } from "../support/cli.js";
import { finishedRun, type Finished } from "../support/finished-run.js";

let run: Finished;
beforeAll(async () => {
  run = await finishedRun("none", [], false);
});
afterAll(() => run.server.close());

/** Files may not grow past this: room for the database's 32 KiB shared-memory file, not for the export. */
const LIMIT = 33 * 1024;

describe.skipIf(!canLimitFileSize)("export --out on a disk that fills up", () => {
  const exportTo = (out: string) => ["export", run.runId, "--what", "evaluations", "--format", "json", "--out", out, "--db", run.db];

  it("leaves the file that was there as it was, and nothing half-written beside it", async () => {
    const out = join(run.dir, "kept", "evaluations.json");
    const whole = await ape(exportTo(out));
    expect(whole.code, whole.stderr).toBe(0);
    const kept = readFileSync(out, "utf8");
    expect(kept.length, "the export must be larger than the limit for this test to mean anything").toBeGreaterThan(LIMIT);
    writeFileSync(out, `${kept}\n`);

    const end = await ape(exportTo(out), { maxFileBytes: LIMIT });
    expect(end.code, end.stderr).toBe(EXIT.storage);
    expect(end.stderr).toContain(out);
    expect(end.stderr).toMatch(/EFBIG.*choose another --out/);
    expect(end.stderr).not.toMatch(/\n\s+at /);
    expect(readFileSync(out, "utf8")).toBe(`${kept}\n`);
    expect(readdirSync(join(run.dir, "kept"))).toEqual(["evaluations.json"]);
  });

  it("leaves no file at all where there was none", async () => {
    const out = join(run.dir, "fresh", "evaluations.json");
    const end = await ape(exportTo(out), { maxFileBytes: LIMIT });
    expect(end.code, end.stderr).toBe(EXIT.storage);
    expect(readdirSync(join(run.dir, "fresh"))).toEqual([]);
  });
});

describe("--out a device or a pipe", () => {
  it.skipIf(!existsSync("/dev/full"))("is written in place: /dev/full (no space, ever) is exit 6 naming it, for the report and the export", async () => {
    for (const command of ["report", "export"]) {
      const full = await ape([command, run.runId, "--out", "/dev/full", "--db", run.db]);
      expect(full.code, full.stderr).toBe(EXIT.storage);
      expect(full.stderr).toMatch(/\/dev\/full: the disk \(or the quota\) is full \(ENOSPC/);
      expect(full.stderr).not.toMatch(/\n\s+at /);
    }
    expect(statSync("/dev/full").isCharacterDevice()).toBe(true);
  });

  it.skipIf(spawnSync("mkfifo", ["--version"]).status !== 0)("is written in place: a FIFO gets the export", async () => {
    const fifo = join(run.dir, "pipe");
    expect(spawnSync("mkfifo", [fifo]).status).toBe(0);
    const [read, end] = await Promise.all([readFile(fifo, "utf8"), ape(["export", run.runId, "--out", fifo, "--db", run.db])]);
    expect(end.code, end.stderr).toBe(0);
    expect((JSON.parse(read) as unknown[]).length).toBeGreaterThan(0);
    expect(statSync(fifo).isFIFO()).toBe(true);
  });
});
