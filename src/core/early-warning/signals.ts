/** Per-customer inputs of the early-warning rules at one as-of date (seed 004's customer row). */
export interface EarlyWarningSignals {
  /** Usage in the last window and in the window before it (sums of daily usage counts). */
  usageLast: number;
  usagePrior: number;
  tickets: number;
  errors: number;
  churnIntent: number;
  /** Mean support satisfaction (1-5) of the window's tickets; null when none was given. */
  satisfaction: number | null;
  escalation: boolean;
  downgrade: boolean;
  isTrial: boolean;
}

/** max(0, (prior - last) / prior) when prior > 0, else 0: the seed's definition. */
export function usageDropPct(last: number, prior: number): number {
  return prior > 0 ? Math.max(0, (prior - last) / prior) : 0;
}
