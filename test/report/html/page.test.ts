import { describe, expect, it } from "vitest";
import { rawControls } from "../../support/control-chars.js";
import { renderReport } from "../../../src/report/html/page.js";
import { storeWithRun } from "../../support/store.js";

describe("the HTML report", () => {
  it("draws log-probability scores, escapes model text, and says why a chart is empty", () => {
    const s = storeWithRun({ id: "lp1", target: "q", scorer: "logprob" });
    const a = s.addCandidate("lp1", { text: "<script>alert(1)</script> & co", origin: "forward" }).id;
    const b = s.addCandidate("lp1", { text: "Plain.", origin: "reverse", fillPath: "native" }).id;
    s.addEvaluation("lp1", a, "eval", "1", null, -0.5);
    s.addEvaluation("lp1", a, "eval", "2", null, -1.5);
    s.addEvaluation("lp1", b, "eval", "1", null, -3);
    s.updateCandidate(a, { score: -1, evalCount: 2, rank: 1, history: [{ round: 0, stage: 0, mean: -1, count: 2 }] });
    s.updateCandidate(b, { score: -3, evalCount: 1, rank: 2, droppedAt: 0, history: [{ round: 0, stage: 0, mean: -3, count: 1 }] });
    const html = renderReport(s, "lp1");
    s.close();
    expect(html).not.toContain("<script>");
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt; &amp; co");
    expect(html).not.toMatch(/NaN|Infinity|undefined/);
    for (const id of ["chart-stages", "chart-rounds", "chart-work", "chart-cost", "chart-finals"]) expect(html).toContain(`id="${id}"`);
    expect(html).toContain("no test scores");
    expect(html).toMatch(/<circle class="mark dot"[^>]*><title>#\d+ round 0 stage 0: -1\.000/);
  });

  it("shows control characters from model text escaped, in the page and in the charts' tooltips", () => {
    const s = storeWithRun({ id: "cc1", task: "t\u001b[2J", target: "q" });
    const a = s.addCandidate("cc1", { text: "Say\u0000 \u001b[31mred\r\u007f\u009b\u202e!", origin: "forward" }).id;
    s.addEvaluation("cc1", a, "eval", "1", "x", 1);
    s.updateCandidate(a, { score: 1, evalCount: 1, rank: 1, history: [{ round: 0, stage: 0, mean: 1, count: 1 }] });
    const html = renderReport(s, "cc1");
    s.close();
    expect(rawControls(html)).toEqual([]);
    expect(html).toContain(String.raw`<h1>t\u001b[2J <span`);
    expect(html).toContain(String.raw`<td>Say\u0000 \u001b[31mred\r\u007f\u009b\u202e!</td>`);
    expect(html).toMatch(/<title>#\d+ round 0 stage 0: 1\.000 on 1 examples — Say\\u0000 /);
  });
});
