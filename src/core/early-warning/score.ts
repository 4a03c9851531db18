import { pyRound } from "../util/py-round.ts";
import type { EarlyWarningConfig, ReasonKind } from "./config.ts";
import { type EarlyWarningSignals, usageDropPct } from "./signals.ts";

export type RiskLevel = "High" | "Medium" | "Low";
export const RISK_LEVELS: readonly RiskLevel[] = ["High", "Medium", "Low"];

export type RuleId = keyof EarlyWarningConfig["rules"];

/** One rule that fired, kept in full for the audit trail. */
export interface FiredReason {
  rule: RuleId;
  kind: ReasonKind;
  points: number;
  text: string;
}

export interface EarlyWarningResult {
  score: number;
  level: RiskLevel;
  /** Every rule that fired, in rule order. */
  reasons: FiredReason[];
  topReasons: string[];
  actions: string[];
}

function tierPoints(tiers: readonly { min: number; points: number }[], value: number): number | undefined {
  for (const t of tiers) if (value >= t.min) return t.points;
  return undefined;
}

/**
 * Seed 004's early-warning rules as a pure function: points per signal, capped, leveled,
 * explained. Rule order is fixed (it decides which reasons are "top").
 */
export function scoreEarlyWarning(s: EarlyWarningSignals, config: EarlyWarningConfig): EarlyWarningResult {
  const { rules } = config;
  const w = `${config.windowDays}d`;
  const reasons: FiredReason[] = [];
  const fire = (rule: RuleId, kind: ReasonKind, points: number, text: string) =>
    reasons.push({ rule, kind, points, text });

  if (rules.usageDrop.enabled) {
    const drop = usageDropPct(s.usageLast, s.usagePrior);
    const p = tierPoints(rules.usageDrop.tiers, drop);
    if (p !== undefined)
      fire("usageDrop", "usage", p, `Usage dropped ${pyRound(drop * 100)}% (${w} vs prior)`);
  }
  if (rules.supportLoad.enabled) {
    const p = tierPoints(rules.supportLoad.tiers, s.tickets);
    if (p !== undefined)
      fire("supportLoad", "support", p, `High support load (${s.tickets} tickets in ${w})`);
  }
  if (rules.errors.enabled) {
    const p = tierPoints(rules.errors.tiers, s.errors);
    if (p !== undefined) fire("errors", "errors", p, `High error volume (${s.errors} errors in ${w})`);
  }
  if (rules.churnIntent.enabled && s.churnIntent >= rules.churnIntent.min) {
    fire("churnIntent", "intent", rules.churnIntent.points, "Customer language suggests cancellation risk");
  }
  const sat = rules.satisfaction;
  if (sat.enabled && s.satisfaction !== null && Number.isFinite(s.satisfaction)) {
    if (s.satisfaction <= sat.low.max) {
      fire("satisfaction", "satisfaction", sat.low.points, `Low satisfaction score (1-${sat.low.max}/5)`);
    } else if (s.satisfaction === sat.medium.equals) {
      fire(
        "satisfaction",
        "satisfaction",
        sat.medium.points,
        `Medium satisfaction score (${sat.medium.equals}/5)`,
      );
    }
  }
  if (rules.escalation.enabled && s.escalation) {
    fire("escalation", "support", rules.escalation.points, "Ticket escalation (higher risk)");
  }
  if (rules.downgrade.enabled && s.downgrade) {
    fire("downgrade", "downgrade", rules.downgrade.points, "Recent downgrade (value risk)");
  }
  if (rules.trial.enabled && s.isTrial) {
    fire("trial", "trial", rules.trial.points, "Trial customer (activation risk)");
  }

  if (reasons.length === 0) return quietResult(config);
  let total = 0;
  for (const r of reasons) total += r.points;
  const score = Math.min(total, config.cap);
  return {
    score,
    level: riskLevel(score, config),
    reasons,
    topReasons: reasons.slice(0, config.topReasons).map((r) => r.text),
    actions: recommendActions(reasons, config),
  };
}

// Most customers fire no rule; they share one frozen result per config instead of allocating.
const quiet = new WeakMap<EarlyWarningConfig, EarlyWarningResult>();
function quietResult(config: EarlyWarningConfig): EarlyWarningResult {
  let r = quiet.get(config);
  if (!r) {
    r = Object.freeze({
      score: 0,
      level: riskLevel(0, config),
      reasons: Object.freeze([]) as unknown as FiredReason[],
      topReasons: Object.freeze([]) as unknown as string[],
      actions: Object.freeze([config.defaultAction]) as unknown as string[],
    });
    quiet.set(config, r);
  }
  return r;
}

export function riskLevel(score: number, config: EarlyWarningConfig): RiskLevel {
  if (score >= config.levels.high) return "High";
  if (score >= config.levels.medium) return "Medium";
  return "Low";
}

/** Actions come from the reason kinds that fired, in the configured kind order. */
export function recommendActions(reasons: readonly FiredReason[], config: EarlyWarningConfig): string[] {
  const out: string[] = [];
  for (const [kind, actions] of Object.entries(config.actions)) {
    if (reasons.some((r) => r.kind === kind)) out.push(...(actions ?? []));
  }
  return out.length > 0 ? out.slice(0, config.topActions) : [config.defaultAction];
}
