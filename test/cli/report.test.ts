import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ape } from "../support/cli.js";
import { finishedRun, type Finished } from "../support/finished-run.js";
import { tempDir } from "../support/temp.js";

const CHROMIUM = "/usr/bin/chromium";
const CHARTS = ["chart-stages", "chart-rounds", "chart-work", "chart-cost", "chart-finals"];

let run: Finished;
beforeAll(async () => {
  run = await finishedRun("none", [], false);
});
afterAll(() => run.server.close());

describe("ape report", () => {
  it("writes results/report-<run>.html by default, self-contained (no URL outside the page)", async () => {
    const r = await ape(["report", run.runId, "--db", run.db], { cwd: run.dir });
    expect(r.code).toBe(0);
    const file = join(run.dir, "results", `report-${run.runId}.html`);
    expect(r.stdout.trim()).toBe(join("results", `report-${run.runId}.html`));
    const html = readFileSync(file, "utf8");
    expect(html).not.toMatch(/<script|<link|src=|https?:\/\/(?!www\.w3\.org\/2000\/svg)/);
  });

  it.skipIf(!existsSync(CHROMIUM))("renders every chart in headless Chromium with visible marks, no console errors and no network", async () => {
    const out = join(run.dir, "report.html");
    const r = await ape(["report", run.runId, "--out", out, "--db", run.db]);
    expect(r.code).toBe(0);
    const context = await chromium.launchPersistentContext(tempDir("ape-chromium-"), {
      executablePath: CHROMIUM,
      headless: true,
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    });
    try {
      const page = await context.newPage();
      const problems: string[] = [];
      const requests: string[] = [];
      page.on("console", (m) => {
        if (m.type() === "error" || m.type() === "warning") problems.push(m.text());
      });
      page.on("pageerror", (e) => problems.push(e.message));
      page.on("request", (q) => requests.push(q.url()));
      await page.goto(`file://${out}`);
      expect(await page.title()).toContain(`run ${run.runId}`);
      for (const id of CHARTS) {
        const marks = await page.$$eval(`#${id} svg .mark`, (els) => els.map((el) => el.getBoundingClientRect()).map((b) => ({ w: b.width, h: b.height })));
        expect(marks.length, id).toBeGreaterThan(0);
        expect(marks.filter((b) => b.w > 0 && b.h > 0).length, id).toBeGreaterThan(0);
        const box = await page.$eval(`#${id} svg`, (el) => el.getBoundingClientRect().width);
        expect(box, id).toBeGreaterThan(200);
      }
      // Several resampling rounds, one bar each.
      expect((await page.$$("#chart-rounds .bar")).length).toBeGreaterThan(1);
      // The winner versus the reference: one bar each, the winner's taller in this world.
      const bars = await page.$$eval("#chart-finals .bar", (els) =>
        els.map((el) => ({ h: el.getBoundingClientRect().height, t: el.querySelector("title")?.textContent ?? "" })),
      );
      const winnerBar = bars.find((b) => b.t.startsWith("winner"));
      const referenceBar = bars.find((b) => b.t.startsWith("reference"));
      expect(winnerBar?.h ?? 0).toBeGreaterThan(referenceBar?.h ?? Infinity);
      expect(problems).toEqual([]);
      expect(requests).toEqual([`file://${out}`]);
    } finally {
      await context.close();
    }
  });
});
