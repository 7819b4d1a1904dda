/**
 * A simulated OpenAI-compatible model server for ape's tests and benchmarks: real HTTP on
 * 127.0.0.1, deterministic from a seed, imitating the families in docs/servers.md.
 *
 * The simulated model lives in a *world*: a hidden rule (keywords), the correct answers, and a
 * pool of proposals. An instruction's quality is the fraction of keywords it mentions, scaled
 * between `floor` and `ceiling`; it decides how often evaluations are answered correctly and how
 * high echoed answer log-probs are. Everything that is not an evaluation returns proposals.
 *
 * @example
 * const server = await startSimServer({ world: { answers: { hot: "cold" }, keywords: ["antonym"], proposals: ["Give the antonym."] } });
 * const client = new OpenAI({ baseURL: server.url, apiKey: "x", maxRetries: 0 });
 * // … run ape against it …
 * await server.close();
 */
export { startSimServer } from "./server.js";
export { hasKeyword, keywordFraction, quality } from "./world.js";
export { FAMILIES } from "./families.js";
export type { FamilyRules } from "./families.js";
export { FAULT_KINDS, SIM_FAMILIES } from "./types.js";
export type { FaultConfig, FaultKind, JudgeAsk, LoggedRequest, SimFamily, SimOptions, SimServer, SimStats, SimWorld } from "./types.js";
