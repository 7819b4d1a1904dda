import { describe, expect, it } from "vitest";
import { ReplicaPool } from "../../../src/model/openai/replicas.js";

describe("several --base-url replicas", () => {
  it("each request goes to the replica with the fewest requests outstanding; one that failed to connect rests", async () => {
    const pool = new ReplicaPool(["a", "b", "c"].map((url) => ({ url, client: url })));
    const held: { url: string; settle: (fail: boolean) => void }[] = [];
    const connectionFailure = (error: unknown): boolean => error === "refused";
    const use = (): Promise<string> =>
      pool.use(
        (replica) =>
          new Promise<string>((resolve, reject) => held.push({ url: replica.url, settle: (fail) => (fail ? reject("refused") : resolve(replica.url)) })),
        connectionFailure,
      );
    const first = [use(), use(), use(), use()];
    expect(held.map((h) => h.url)).toEqual(["a", "b", "c", "a"]);
    held[1]?.settle(false);
    await expect(first[1]).resolves.toBe("b");
    void use();
    expect(held[4]?.url).toBe("b");
    held[2]?.settle(true);
    await expect(first[2]).rejects.toBe("refused");
    // c has nothing outstanding now, but rests: the next request goes to b (one outstanding), not c.
    void use();
    expect(held[5]?.url).toBe("b");
    for (const h of held) h.settle(false);
  });
});
