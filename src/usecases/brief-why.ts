import { type BriefReason, headlineWhy, type Why, type WhySignal } from "../core/brief/why.ts";
import type { HoldfastConfig } from "../core/config.ts";
import type { HeadlineKind } from "./headline.ts";

/** The columns of a customer row the brief's "why" reads (early warning's reasons and actions). */
export interface WhyCustomer {
  status?: string | null | undefined;
  reasons: string | null;
  actions: string | null;
}

/**
 * The brief's reasons, actions and checklist kinds from the org's headline score (churn risk by
 * default), or win-back only once churned. `headSignals` are the headline score's stored signals.
 */
export function briefWhy(
  c: WhyCustomer,
  kind: HeadlineKind,
  headSignals: readonly WhySignal[],
  cfg: HoldfastConfig,
): Why {
  return headlineWhy({
    kind,
    status: c.status ?? null,
    signals: headSignals,
    earlyWarning: {
      reasons: c.reasons ? (JSON.parse(c.reasons) as BriefReason[]) : [],
      actions: c.actions ? (JSON.parse(c.actions) as string[]) : [],
    },
    config: cfg.earlyWarning,
  });
}
