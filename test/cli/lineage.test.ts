import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readDb } from "../support/db.js";
import { finishedRun, inProcess, type Finished } from "../support/finished-run.js";
import { searchArgs } from "../support/cli.js";

type Link = { candidate_id: number; parent_id: number; shown: string | null; origin: string; round: number };

let run: Finished;
let links: Link[];
beforeAll(async () => {
  run = await finishedRun("none", ["--refine", "reflect", "--top-k", "2"], false);
  links = readDb<Link>(
    run.db,
    "SELECT l.candidate_id, l.parent_id, l.shown, c.origin, c.round FROM lineage l JOIN candidates c ON c.id = l.candidate_id WHERE c.run_id = ? ORDER BY l.candidate_id, l.position",
    run.runId,
  );
});
afterAll(() => run.server.close());

describe("the lineage of a reflective search", () => {
  it("`ape show --candidate` names a reflection's parent, the examples of it the proposer was shown, and the parent's children", async () => {
    const link = links.find((l) => l.origin === "reflect" && l.shown !== null);
    expect(link).toBeDefined();
    const shown = JSON.parse(link?.shown ?? "[]") as { example: string; failed: boolean }[];
    const failed = shown.filter((s) => s.failed).map((s) => s.example);
    const child = await inProcess(["show", run.runId, "--candidate", String(link?.candidate_id), "--db", run.db]);
    expect(child.code, child.stderr).toBe(0);
    expect(child.stdout).toContain(`origin:     reflect (round ${link?.round})`);
    expect(child.stdout).toMatch(new RegExp(`parent:\\s+candidate ${link?.parent_id} \\([a-z]+( r\\d+)?, eval \\d\\.\\d{3}\\):\\n`));
    expect(child.stdout).toContain(`its eval examples shown to the proposer: failed ${failed.join(", ")}`);
    expect(child.stdout).toContain("Examples it got wrong:");
    const parent = await inProcess(["show", run.runId, "--candidate", String(link?.parent_id), "--db", run.db]);
    expect(parent.stdout).toMatch(new RegExp(`children:.*\\b${link?.candidate_id} \\(reflect r${link?.round}, eval`));
  });

  it("the HTML report lists each child under its parent, with its origin and the examples shown", async () => {
    const out = join(run.dir, "report.html");
    const r = await inProcess(["report", run.runId, "--db", run.db, "--out", out]);
    expect(r.code, r.stderr).toBe(0);
    const html = readFileSync(out, "utf8");
    const section = html.slice(html.indexOf('<h2 id="lineage">'));
    expect(section).toContain('<ul class="lineage">');
    const link = links.find((l) => l.origin === "reflect") as Link;
    // The child's item sits inside its parent's (before the parent's list closes).
    const parentAt = section.indexOf(`<strong>#${link.parent_id}</strong>`);
    const childAt = section.indexOf(`<strong>#${link.candidate_id}</strong> reflect r${link.round}`);
    expect(parentAt).toBeGreaterThan(0);
    expect(childAt).toBeGreaterThan(parentAt);
    const shown = (JSON.parse(link.shown ?? "[]") as { example: string }[]).map((s) => s.example);
    const item = section.slice(childAt, section.indexOf("<br>", childAt));
    expect(item).toMatch(/ reflect r\d · eval \d\.\d{3} on \d+ · .*shown: (failed|right) [\d, ;a-z]+$/);
    expect(item.slice(item.indexOf("shown:")).match(/\d+/g)).toEqual(shown);
  });

  it("refuses an unknown --refine, naming the choices (exit 2)", async () => {
    const r = await inProcess(searchArgs(run.task, run.server.url, ["--refine", "think-harder", "--db", run.db]));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/refine.*think-harder.*"resample", "reflect", "both"/s);
  });
});
