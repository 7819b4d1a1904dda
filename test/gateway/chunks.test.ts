import { describe, expect, it } from "vitest";
import { wireGroups } from "../../src/gateway/chunks.js";

describe("wireGroups: one group per request on the wire", () => {
  const requests = [
    { seed: 1, size: 3 },
    { seed: 1, size: 3 },
    { seed: 2, size: 3 },
    { seed: 2, size: 3 },
    { seed: 2, size: 3 },
    { seed: 2, size: 3 },
  ];

  it("joins requests that one request can carry, up to the size", () => {
    const groups = wireGroups(
      requests,
      [0, 1, 2, 3, 4, 5],
      (r) => r.size,
      (a, b) => a.seed === b.seed,
    );
    expect(groups).toEqual([[0, 1], [2, 3, 4], [5]]);
  });

  it("keeps apart requests with their own seeds (each proposal prompt is its own request)", () => {
    expect(
      wireGroups(
        requests,
        [1, 2],
        () => 16,
        () => false,
      ),
    ).toEqual([[1], [2]]);
  });
});
