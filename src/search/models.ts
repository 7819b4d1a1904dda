/**
 * The models of a search and their limits, and the Gateways a run calls them through. A search
 * opens its own; a suite opens them once and lends them to every task's run, so the concurrency,
 * rate limits, request size and budget hold for the whole suite (src/suite/suite.ts).
 */
import type { Budget } from "../gateway/budget.js";
import { createModel } from "../model/backends.js";
import type { CallEvent } from "../gateway/call-recorder.js";
import { Gateway } from "../gateway/gateway.js";
import type { DownloadProgress } from "../model/gguf/gguf-options.js";
import { ModelLimits } from "../gateway/limits.js";
import { DEFAULT_PRICES } from "../accounting/prices.js";
import { formatSpec } from "../model/spec.js";
import type { Model, ModelSpec } from "../model/types.js";
import type { Resolved, SearchSettings } from "../options/search-options.js";
import type { CallLog } from "../store/calls.js";

/** The proposer and target models (one object when both roles use one spec) and their limits. */
export interface SearchModels {
  readonly proposer: Model;
  readonly target: Model;
  /** Limits per model: the same object for both roles when they share a model. */
  readonly proposerLimits: ModelLimits;
  readonly targetLimits: ModelLimits;
  /** Close the models (those passed in `options.models` too, as a search always has) and stop the limits' timers. */
  close(): Promise<void>;
}

/** Open the models named by the specs (or take `options.models`), with one set of limits per model. */
export async function openModels(
  specs: { readonly proposer: ModelSpec; readonly target: ModelSpec },
  options: SearchSettings,
  r: Resolved,
  onDownload: (progress: DownloadProgress) => void,
): Promise<SearchModels> {
  const modelOptions = {
    apiKey: options.apiKey,
    timeoutMs: options.timeoutMs,
    maxBatch: r.batch,
    concurrency: r.concurrency,
    gguf: { ...options.gguf, onDownloadProgress: onDownload },
  };
  const opened: Model[] = [];
  const closeOpened = async (): Promise<void> => {
    await Promise.all(opened.map((m) => m.close()));
  };
  try {
    const target = options.models?.target ?? (await createModel(specs.target, modelOptions));
    opened.push(target);
    const sameModel = formatSpec(specs.proposer) === formatSpec(specs.target) && !options.models?.proposer;
    const proposer = options.models?.proposer ?? (sameModel ? target : await createModel(specs.proposer, modelOptions));
    if (proposer !== target) opened.push(proposer);
    const rates = { requestsPerSecond: r.rps, tokensPerMinute: r.tpm };
    const targetLimits = new ModelLimits({ concurrency: r.concurrency, ...rates });
    const proposerLimits = proposer === target ? targetLimits : new ModelLimits({ concurrency: r.concurrency, ...rates });
    return {
      proposer,
      target,
      proposerLimits,
      targetLimits,
      async close() {
        for (const l of new Set([targetLimits, proposerLimits])) l.dispose();
        await closeOpened();
      },
    };
  } catch (error) {
    await closeOpened();
    throw error;
  }
}

/** What the Gateways of one run record and spend against. */
export interface RunGatewayContext {
  readonly store: CallLog;
  readonly runId: string;
  readonly budget: Budget;
  /** See GatewayOptions.replayUpTo. */
  readonly replayUpTo: number;
  readonly options: SearchSettings;
  readonly onCall: (call: CallEvent) => void;
  readonly signal: AbortSignal;
}

/** The proposer and target Gateways of one run, over shared models, limits and budget. */
export function runGateways(models: SearchModels, c: RunGatewayContext): { readonly proposer: Gateway; readonly target: Gateway } {
  const gateway = (model: Model, role: "proposer" | "target", limits: ModelLimits): Gateway =>
    new Gateway({
      model,
      role,
      limits,
      store: c.store,
      runId: c.runId,
      budget: c.budget,
      prices: c.options.prices ?? DEFAULT_PRICES,
      cache: c.options.cache ?? true,
      replayUpTo: c.replayUpTo,
      ...(c.options.retry ? { retry: c.options.retry } : {}),
      onCall: c.onCall,
      signal: c.signal,
    });
  return { proposer: gateway(models.proposer, "proposer", models.proposerLimits), target: gateway(models.target, "target", models.targetLimits) };
}
