/** The live counters behind `SimServer.stats`. */
import { FAULT_KINDS } from "./types.js";
import type { FaultKind, LoggedRequest, SimStats } from "./types.js";

function zeroFaults(): Record<FaultKind, number> {
  return Object.fromEntries(FAULT_KINDS.map((k) => [k, 0])) as Record<FaultKind, number>;
}

/** Mutable statistics; the server writes, tests read through the `SimStats` view. */
export class StatsRecorder implements SimStats {
  requests: Record<string, number> = {};
  prompts = 0;
  completions = 0;
  inFlight = 0;
  maxInFlight = 0;
  promptTokens = 0;
  completionTokens = 0;
  faults: Record<FaultKind, number> = zeroFaults();
  log: LoggedRequest[] = [];

  constructor(private readonly logLimit: number) {}

  /** Zero every counter and clear the log; requests still in flight stay counted. */
  reset(): void {
    this.requests = {};
    this.prompts = 0;
    this.completions = 0;
    this.maxInFlight = this.inFlight;
    this.promptTokens = 0;
    this.completionTokens = 0;
    this.faults = zeroFaults();
    this.log = [];
  }

  /** A request arrived. */
  begin(route: string): void {
    this.requests[route] = (this.requests[route] ?? 0) + 1;
    this.inFlight += 1;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
  }

  /** A request's response ended (answered, dropped or ended by close). */
  end(): void {
    this.inFlight -= 1;
  }

  /** Remember a request body and how it was answered. */
  record(entry: LoggedRequest): void {
    if (this.logLimit <= 0) return;
    this.log.push(entry);
    if (this.log.length > this.logLimit) this.log.shift();
  }

  /** Count a successful generation response. */
  answered(prompts: number, choices: number, promptTokens: number, completionTokens: number): void {
    this.prompts += prompts;
    this.completions += choices;
    this.promptTokens += promptTokens;
    this.completionTokens += completionTokens;
  }
}
