/**
 * The response-cache key: everything that can change an answer (backend, model, the whole request
 * with every sampling parameter, and the sample's index within its purpose) hashed together.
 */
import { createHash } from "node:crypto";
import type { ModelSpec } from "./types.js";

/** A stable JSON text: object keys sorted, so equal requests give equal keys. */
export function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

/** The cache key of one request of `kind` to `spec`'s model. Base URLs are left out: replicas are interchangeable. */
export function cacheKey(spec: ModelSpec, kind: string, request: unknown): string {
  return createHash("sha256").update(stableJson({ backend: spec.backend, model: spec.model, kind, request })).digest("hex");
}
