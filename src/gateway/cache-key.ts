/**
 * The response-cache key: everything that can change an answer (backend, model, the whole request
 * with every sampling parameter, and the sample's index within its purpose) hashed together.
 */
import { createHash } from "node:crypto";
import type { ModelSpec } from "../model/types.js";

/**
 * The cache key of one request of `kind` to `spec`'s model, from the request's `stableJson` text
 * (made once per call: the same text is what the call's row stores). Base URLs are left out:
 * replicas are interchangeable. The hashed text is `stableJson({ backend, kind, model, request })`,
 * written out, so keys never change under calls stored before.
 */
export function cacheKey(spec: ModelSpec, kind: string, requestJson: string): string {
  const text = `{"backend":${JSON.stringify(spec.backend)},"kind":${JSON.stringify(kind)},"model":${JSON.stringify(spec.model)},"request":${requestJson}}`;
  return createHash("sha256").update(text).digest("hex");
}
