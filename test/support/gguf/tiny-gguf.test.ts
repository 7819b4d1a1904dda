import { describe, expect, it } from "vitest";
import { tinyGgufBytes } from "./tiny-gguf.js";
import { tinyVocab } from "./tiny-vocab.js";

describe("tiny GGUF writer", () => {
  it("writes a GGUF v3 header", () => {
    const bytes = tinyGgufBytes();
    expect(bytes.toString("latin1", 0, 4)).toBe("GGUF");
    expect(bytes.readUInt32LE(4)).toBe(3);
    expect(bytes.readBigUInt64LE(8)).toBe(3n + 2n * 9n);
  });

  it("gives the same bytes for the same seed and different weights for another", () => {
    expect(tinyGgufBytes({ seed: 5 }).equals(tinyGgufBytes({ seed: 5 }))).toBe(true);
    expect(tinyGgufBytes({ seed: 5 }).equals(tinyGgufBytes({ seed: 6 }))).toBe(false);
  });

  it("has unk, bos, eos, the 256 byte tokens and ordinary pieces", () => {
    const pieces = tinyVocab().map((v) => v.piece);
    expect(pieces.slice(0, 4)).toEqual(["<unk>", "<s>", "</s>", "<0x00>"]);
    expect(pieces[258]).toBe("<0xFF>");
    expect(pieces).toContain("▁the");
    expect(new Set(pieces).size).toBe(pieces.length);
    expect(pieces.length).toBeGreaterThan(500);
  });
});
