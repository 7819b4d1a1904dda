import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { defaultCacheDir } from "../../../src/model/gguf/gguf-options.js";

describe("the model cache folder", () => {
  it("keeps downloads in the user's cache folder by default", () => {
    expect(defaultCacheDir({ XDG_CACHE_HOME: "/x/cache" }, "linux")).toBe(join("/x/cache", "ape", "models"));
    expect(defaultCacheDir({}, "linux")).toMatch(/\.cache[/\\]ape[/\\]models$/);
  });
});
