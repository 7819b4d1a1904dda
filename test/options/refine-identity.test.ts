/**
 * `refine` came after runs with rounds: those ran their rounds by resampling. A run stored then keeps
 * its identity and continues as it began; a search that refines otherwise is another run.
 */
import { describe, expect, it } from "vitest";
import { resolve } from "../../src/options/search-options.js";
import { identitySettings, STORED_SETTINGS } from "../../src/options/stored.js";

const STORED = { proposer: "vllm:m", target: "vllm:m", selector: "multistage", rounds: 2 };

describe("refine in a run's identity", () => {
  it("is left out where it changes nothing or is what runs did before it existed", () => {
    expect(identitySettings(resolve({}))).not.toHaveProperty("refine");
    expect(identitySettings(resolve({ refine: "reflect" }))).not.toHaveProperty("refine"); // no rounds: nothing refined
    expect(identitySettings(resolve({ rounds: 2, refine: "resample" }))).not.toHaveProperty("refine");
  });

  it("makes rounds that reflect (the default, both, included) another run than rounds that resampled", () => {
    expect(identitySettings(resolve({ rounds: 2 }))).toMatchObject({ refine: "both" });
    expect(identitySettings(resolve({ rounds: 2, refine: "reflect" }))).toMatchObject({ refine: "reflect" });
  });

  it("reads a config stored before refine existed as resampling, and a newer one as stored", () => {
    expect(STORED_SETTINGS.parse(STORED).refine).toBe("resample");
    expect(STORED_SETTINGS.parse({ ...STORED, refine: "both" }).refine).toBe("both");
  });
});
