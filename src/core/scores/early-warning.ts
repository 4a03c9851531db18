import type { EarlyWarningConfig } from "../early-warning/config.ts";
import { type FiredReason, scoreEarlyWarning } from "../early-warning/score.ts";
import { type EarlyWarningSignals, usageDropPct } from "../early-warning/signals.ts";
import type { ScoreInput } from "./input.ts";
import type { ScoreSignal } from "./kinds.ts";
import type { Scored } from "./result.ts";

/** The input value behind a fired rule (the rule's points are its effect). */
function ruleValue(r: FiredReason, s: EarlyWarningSignals): ScoreSignal["value"] {
  switch (r.rule) {
    case "usageDrop":
      return Number(usageDropPct(s.usageLast, s.usagePrior).toFixed(2));
    case "supportLoad":
      return s.tickets;
    case "errors":
      return s.errors;
    case "churnIntent":
      return s.churnIntent;
    case "satisfaction":
      return s.satisfaction;
    default:
      return true; // escalation, downgrade, trial: flags
  }
}

const NO_SIGNALS: readonly ScoreSignal[] = Object.freeze([]);

/**
 * Seed 004's early warning in the stored shape: the fired rules are its reasons (rule order) and
 * its signals; the window aggregates and the window ends are its detail.
 */
export function earlyWarningScore(ew: ScoreInput["earlyWarning"], config: EarlyWarningConfig): Scored {
  const result = scoreEarlyWarning(ew, config);
  const signals =
    result.reasons.length === 0
      ? NO_SIGNALS
      : result.reasons.map((r) => ({
          name: r.rule,
          value: ruleValue(r, ew),
          effect: r.points,
          text: r.text,
        }));
  return {
    kind: "early_warning",
    score: result.score,
    level: result.level,
    reasons: result.reasons,
    topReasons: result.topReasons,
    actions: result.actions,
    signals,
    detail: {
      usage_last: ew.usageLast,
      usage_prior: ew.usagePrior,
      errors: ew.errors,
      tickets: ew.tickets,
      satisfaction: ew.satisfaction,
      escalation: ew.escalation,
      downgrade: ew.downgrade,
      is_trial: ew.isTrial,
      churn_intent: ew.churnIntent,
      usage_end: ew.usageEnd,
      tickets_end: ew.ticketEnd,
    },
  };
}
