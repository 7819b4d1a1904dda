/**
 * The run's budget: calls, tokens and dollars. Each call reserves its worst case before it is sent
 * and settles to what it really used after, so concurrent calls can never together pass a cap.
 */
import { BudgetError } from "../errors.js";
import { costOf, type Price } from "../accounting/prices.js";
import { option, say } from "../message.js";

/** Caps of a run; any left out is unlimited. */
export interface BudgetLimits {
  readonly maxCalls?: number | undefined;
  readonly maxTokens?: number | undefined;
  readonly maxCostUsd?: number | undefined;
}

/** Amounts of one call (or what a run has spent). */
export interface Spend {
  readonly calls: number;
  readonly tokens: number;
  readonly costUsd: number;
}

const ZERO: Spend = { calls: 0, tokens: 0, costUsd: 0 };

/** Reservations against caps, shared by every Gateway of a run. */
export class Budget {
  readonly limits: BudgetLimits;
  private spent: Spend;
  private reserved: Spend = ZERO;

  /** `alreadySpent` carries what a resumed run spent before. */
  constructor(limits: BudgetLimits, alreadySpent: Spend = ZERO) {
    this.limits = limits;
    this.spent = alreadySpent;
  }

  /** What has been settled so far. */
  get used(): Spend {
    return this.spent;
  }

  /** Reserve `amount` or throw BudgetError naming the cap that would be passed. */
  reserve(amount: Spend): void {
    const after = add(add(this.spent, this.reserved), amount);
    const { maxCalls, maxTokens, maxCostUsd } = this.limits;
    if (maxCalls !== undefined && after.calls > maxCalls) throw new BudgetError(say`the call budget (${option("budget.maxCalls", maxCalls)}) is spent`);
    if (maxTokens !== undefined && after.tokens > maxTokens) throw new BudgetError(say`the token budget (${option("budget.maxTokens", maxTokens)}) is spent`);
    if (maxCostUsd !== undefined && after.costUsd > maxCostUsd + 1e-12)
      throw new BudgetError(say`the cost budget (${option("budget.maxCostUsd", maxCostUsd)}) is spent`);
    this.reserved = add(this.reserved, amount);
  }

  /** Replace a reservation by what the call really used (zero if it failed). */
  settle(reservation: Spend, actual: Spend): void {
    this.reserved = add(this.reserved, scale(reservation, -1));
    this.spent = add(this.spent, actual);
  }
}

function add(a: Spend, b: Spend): Spend {
  return { calls: a.calls + b.calls, tokens: a.tokens + b.tokens, costUsd: a.costUsd + b.costUsd };
}

function scale(a: Spend, k: number): Spend {
  return { calls: a.calls * k, tokens: a.tokens * k, costUsd: a.costUsd * k };
}

/**
 * What a call must reserve before it is sent: its worst case. Prompt counts may be approximate
 * (cl100k_base for open models), so 10% more is reserved for them.
 */
export function reservationFor(estimates: readonly { readonly prompt: number; readonly completion: number }[], price: Price): Spend {
  let tokens = 0;
  let cost = 0;
  for (const e of estimates) {
    const prompt = Math.ceil(e.prompt * 1.1) + 8;
    tokens += prompt + e.completion;
    cost += costOf(price, prompt, e.completion);
  }
  return { calls: estimates.length, tokens, costUsd: cost };
}
