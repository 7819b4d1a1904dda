/**
 * The models of a search and their limits, and the Gateways a run calls them through. A search
 * opens its own; a suite opens them once and lends them to every task's run, so the concurrency,
 * rate limits, request size and budget hold for the whole suite (src/suite/suite.ts).
 */
import type { Budget } from "../gateway/budget.js";
import { createModel } from "../model/backends.js";
import type { CallEvent, Role } from "../gateway/call-recorder.js";
import { Gateway } from "../gateway/gateway.js";
import type { DownloadProgress } from "../model/gguf/gguf-options.js";
import { ModelLimits } from "../gateway/limits.js";
import { DEFAULT_PRICES } from "../accounting/prices.js";
import { formatSpec } from "../model/spec.js";
import type { Model, ModelSpec } from "../model/types.js";
import type { Resolved, SearchSettings } from "../options/search-options.js";
import type { CallLog } from "../store/calls.js";

/** The proposer, target and judge models (one object for roles that use one spec) and their limits. */
export interface SearchModels {
  readonly proposer: Model;
  readonly target: Model;
  /** The judge's model, opened only for a search whose metric is a judge. */
  readonly judge: Model | undefined;
  /** Limits per model: the same object for roles that share a model. */
  readonly proposerLimits: ModelLimits;
  readonly targetLimits: ModelLimits;
  readonly judgeLimits: ModelLimits | undefined;
  /** Close the models (those passed in `options.models` too, as a search always has) and stop the limits' timers. */
  close(): Promise<void>;
}

/** Open the models named by the specs (or take `options.models`), with one set of limits per model; the judge's only when `specs.judge` is given. */
export async function openModels(
  specs: { readonly proposer: ModelSpec; readonly target: ModelSpec; readonly judge?: ModelSpec | undefined },
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
    const judge =
      specs.judge === undefined
        ? undefined
        : (options.models?.judge ?? sharedModel(specs.judge, [proposer, target]) ?? (await createModel(specs.judge, modelOptions)));
    if (judge !== undefined && !opened.includes(judge)) opened.push(judge);
    const rates = { requestsPerSecond: r.rps, tokensPerMinute: r.tpm };
    const limits = new Map<Model, ModelLimits>();
    const limitsOf = (model: Model): ModelLimits => {
      const own = limits.get(model) ?? new ModelLimits({ concurrency: r.concurrency, ...rates });
      limits.set(model, own);
      return own;
    };
    return {
      proposer,
      target,
      judge,
      targetLimits: limitsOf(target),
      proposerLimits: limitsOf(proposer),
      judgeLimits: judge === undefined ? undefined : limitsOf(judge),
      async close() {
        for (const l of limits.values()) l.dispose();
        await closeOpened();
      },
    };
  } catch (error) {
    await closeOpened();
    throw error;
  }
}

/** The model of `models` whose spec is `spec`, if any (a role that names the same model shares it). */
function sharedModel(spec: ModelSpec, models: readonly Model[]): Model | undefined {
  return models.find((m) => formatSpec(m.spec) === formatSpec(spec));
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

/** The Gateways of one run (the judge's where the run has a judge), over shared models, limits and budget. */
export interface RunGateways {
  readonly proposer: Gateway;
  readonly target: Gateway;
  readonly judge: Gateway | undefined;
}

/** Every Gateway of a run: the target's, the proposer's, and the judge's where there is one. */
export function gatewayList(g: RunGateways): Gateway[] {
  return [g.target, g.proposer, ...(g.judge ? [g.judge] : [])];
}

/** The Gateways of one run, over shared models, limits and budget. */
export function runGateways(models: SearchModels, c: RunGatewayContext): RunGateways {
  const gateway = (model: Model, role: Role, limits: ModelLimits): Gateway =>
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
  return {
    proposer: gateway(models.proposer, "proposer", models.proposerLimits),
    target: gateway(models.target, "target", models.targetLimits),
    judge: models.judge && models.judgeLimits && gateway(models.judge, "judge", models.judgeLimits),
  };
}
