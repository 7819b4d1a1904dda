/** Progress events a search sends to its `onEvent` callback; the CLI turns them into a display. */
import type { CallEvent } from "./gateway/call-recorder.js";
import type { Estimate } from "./estimate/types.js";
import type { SearchResult, Totals } from "./result.js";

/** The stages of the flow, in order. */
export const STAGES = ["probe", "propose", "select", "resample", "finalize"] as const;
/** One stage. */
export type Stage = (typeof STAGES)[number];

/** Everything a search reports while it runs. */
export type SearchEvent =
  | { readonly type: "start"; readonly runId: string; readonly task: string; readonly resumed: boolean }
  /**
   * What the whole run is planned to cost (see `estimate()`): right after `start` from the plan
   * alone (`basis: "plan"`), and again once the first pool is proposed (`basis: "proposals"`: its
   * size and instructions known, the proposals' real cost counted).
   */
  | { readonly type: "estimate"; readonly estimate: Estimate; readonly basis: "plan" | "proposals" }
  | { readonly type: "stage"; readonly stage: Stage; readonly round: number }
  | { readonly type: "proposals"; readonly round: number; readonly added: number; readonly pool: number }
  | { readonly type: "selection"; readonly round: number; readonly alive: number; readonly evaluations: number; readonly plannedEvaluations: number }
  | { readonly type: "call"; readonly call: CallEvent; readonly totals: Totals }
  /** A selection round ended: the best eval score so far, whether this round improved it, and the candidate that leads (undefined in an empty pool). */
  | { readonly type: "round"; readonly round: number; readonly best: number; readonly improved: boolean; readonly leader: number | undefined }
  /** Something the user should hear once (e.g. a model name the server does not list but answers for). */
  | { readonly type: "notice"; readonly message: string }
  | { readonly type: "download"; readonly uri: string; readonly downloadedBytes: number; readonly totalBytes: number }
  | { readonly type: "done"; readonly result: SearchResult };
