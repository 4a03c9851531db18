import type { ScoreChange } from "../scores/changes.ts";
import { daysBetween, monthsBetween } from "./time.ts";
import type { PlayContext, Tactic, Trigger } from "./types.ts";

/**
 * Which tactics' triggers fire for a customer at a tick, and with which key (the key makes
 * per-trial, per-episode, per-limit-period and per-milestone limits countable). Pure.
 */

export interface Fired {
  tactic: string;
  key: string | null;
  sessionId: string | null;
  cause: string;
}

/** The trigger with the org's parameter overrides applied (threshold, milestones). */
export function effectiveTrigger(t: Tactic, params: Record<string, number>): Trigger {
  const tr = t.trigger;
  if (tr.type === "score" && tr.threshold !== undefined && params.threshold !== undefined)
    return { ...tr, threshold: params.threshold };
  if (tr.type === "schedule" && tr.schedule.kind === "tenure_months") {
    if (params.firstMonth !== undefined && params.secondMonth !== undefined)
      return {
        type: "schedule",
        schedule: { kind: "tenure_months", months: [params.firstMonth, params.secondMonth] },
      };
    if (params.milestoneMonth !== undefined)
      return { type: "schedule", schedule: { kind: "tenure_months", months: [params.milestoneMonth] } };
  }
  return tr;
}

/** The trial a customer is in, named by its end day (one trial, one key). */
export const trialKey = (ctx: PlayContext): string => `trial:${ctx.trialEnd ?? "open"}`;

function scoreFires(tr: Extract<Trigger, { type: "score" }>, c: ScoreChange): boolean {
  if (c.kind !== tr.kind) return false;
  if (tr.levels?.includes(c.newLevel) && c.oldLevel !== c.newLevel) return true;
  if (tr.threshold !== undefined && c.newScore !== null) {
    const th = tr.threshold;
    if ((tr.direction ?? "up") === "up") return (c.oldScore === null || c.oldScore < th) && c.newScore >= th;
    return c.oldScore !== null && c.oldScore >= th && c.newScore < th;
  }
  return false;
}

/**
 * The triggers of `t` that fire for this customer: score changes since the last tick, play
 * events after `since`, and schedules due on `now`'s day.
 */
export function firedTriggers(
  t: Tactic,
  params: Record<string, number>,
  ctx: PlayContext,
  changes: readonly ScoreChange[],
  since: Date,
  now: Date,
): Fired[] {
  const tr = effectiveTrigger(t, params);
  const out: Fired[] = [];
  if (tr.type === "score" && changes.length === 0) return out;
  if (tr.type === "event" && ctx.events.length === 0) return out;
  // A per-trial limit needs the trial as the key, whatever the trigger.
  const perTrial = t.guardrails.rateLimits.some((r) => "key" in r.per && r.per.key === "trial");
  if (tr.type === "score") {
    const key = perTrial ? trialKey(ctx) : null;
    for (const c of changes)
      if (c.customerId === ctx.customerId && scoreFires(tr, c))
        out.push({
          tactic: t.slug,
          key,
          sessionId: null,
          cause: `${c.kind} ${c.oldLevel ?? "none"} -> ${c.newLevel}`,
        });
  } else if (tr.type === "event") {
    const seen = new Set<string>();
    for (const e of ctx.events) {
      const at = Date.parse(e.at);
      if (at <= since.getTime() || at > now.getTime() || !tr.events.includes(e.type)) continue;
      const key = perTrial ? trialKey(ctx) : (e.key ?? null);
      const id = `${e.type}:${key}`;
      if (seen.has(id)) continue;
      seen.add(id);
      out.push({ tactic: t.slug, key, sessionId: e.type.endsWith("session") ? key : null, cause: e.type });
    }
  } else {
    const today = now.toISOString().slice(0, 10);
    const s = tr.schedule;
    const signup = ctx.signupOn;
    if (s.kind === "tenure_months" && signup) {
      const m = monthsBetween(signup, today);
      if (s.months.includes(m))
        out.push({ tactic: t.slug, key: `month-${m}`, sessionId: null, cause: `tenure month ${m}` });
    } else if (s.kind === "month_after_signup" && signup) {
      if (monthsBetween(signup, today) === s.month)
        out.push({
          tactic: t.slug,
          key: `month-${s.month}`,
          sessionId: null,
          cause: `month ${s.month} after signup`,
        });
    } else if (s.kind === "trial_day" && signup && ctx.isTrial) {
      if (daysBetween(signup, today) === s.day)
        out.push({ tactic: t.slug, key: `trial-day-${s.day}`, sessionId: null, cause: `trial day ${s.day}` });
    } else if (s.kind === "days_before_renewal" && ctx.renewalOn) {
      if (daysBetween(today, ctx.renewalOn) === s.days)
        out.push({
          tactic: t.slug,
          key: `renewal-${ctx.renewalOn}`,
          sessionId: null,
          cause: `${s.days} days before renewal`,
        });
    } else if (s.kind === "every_days") {
      const period = Math.floor(Date.parse(today) / 86_400_000 / s.days);
      out.push({
        tactic: t.slug,
        key: `every-${s.days}-${period}`,
        sessionId: null,
        cause: `every ${s.days} days`,
      });
    }
  }
  return out;
}
