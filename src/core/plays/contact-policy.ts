import { TACTICS } from "./catalog/index.ts";
import type { PlaysConfig, ResolvedTactic } from "./config.ts";
import { describeCondition, failedConditions } from "./eligibility.ts";
import { addDaysTo, quietUntil } from "./time.ts";
import {
  type Channel,
  type CollisionClass,
  isChannel,
  type Per,
  type PlayContext,
  PUSH_CHANNELS,
  type RunRecord,
  type Surface,
  type Tactic,
} from "./types.ts";

/**
 * The one contact policy. For a candidate (a run about to start, or a step of an open run about
 * to be sent) at `now` it answers fire, defer (quiet hours: the time it may fire) or suppress
 * (the rule, and when it may fire again, null when not by waiting). Every tactic goes through it.
 */

/** The rules a suppression (or deferral) can carry, in the order they are checked. */
export const POLICY_RULES = {
  disabled: "The tactic is switched off for this org",
  surface_unavailable:
    "The tactic needs a billing surface (cancel flow, payment page, wall) that does not exist yet",
  org_scope: "An org-scope tactic produces insights and never runs per customer",
  churned: "The customer has churned: only reengage tactics may contact them",
  stage_gate: "The customer's lifecycle stage is outside the tactic's stages",
  ineligible: "An eligibility condition does not hold",
  leave_alone: "The customer is in the leave-alone band",
  already_running: "A run of this tactic is already open for the customer",
  collision: "A conversation of a class this tactic yields to is open (priority order)",
  lifetime_cap: "The tactic's lifetime cap for this customer is reached",
  rate_limit: "The tactic's rate limit is reached",
  cooldown: "The customer declined or dismissed this tactic recently",
  opt_out: "The customer opted out of this channel",
  consent: "The channel needs explicit consent the customer has not given",
  channel_cap: "The tactic's cap on this channel is reached",
  weekly_cap: "The customer reached the weekly cap for this channel",
  offer_refused: "The offers ledger refused the step's offer (one discount at a time, bounds, caps)",
  quiet_hours: "Quiet hours in the customer's time zone (deferred, never dropped)",
} as const;
export type PolicyRule = keyof typeof POLICY_RULES;

export interface Candidate {
  tactic: string;
  /** start: a new run; step: a step of an open run. */
  kind: "start" | "step";
  /** The surface of the step about to be sent (for a start, the first step's; channel rules apply to steps). */
  surface: Surface;
  /** The trigger's key: trial id, limit and period, failure episode, milestone, session... */
  key?: string | null;
  /** The run a step belongs to (its own run never collides with it). */
  runId?: string | null;
  sessionId?: string | null;
  /** The step answers the customer's own action (exempt from the weekly cap). */
  responsive?: boolean;
}

export type Decision =
  | { outcome: "fire"; approval: boolean }
  | { outcome: "defer"; rule: "quiet_hours"; message: string; until: string }
  | {
      outcome: "suppress";
      rule: Exclude<PolicyRule, "quiet_hours">;
      message: string;
      retryAt: string | null;
    };

const suppress = (
  rule: Exclude<PolicyRule, "quiet_hours">,
  message: string,
  retryAt: Date | null = null,
): Decision => ({ outcome: "suppress", rule, message, retryAt: retryAt ? retryAt.toISOString() : null });

const isOpen = (r: RunRecord) => r.endedAt === null;

export const isChurned = (ctx: PlayContext): boolean =>
  ctx.lifecycleStage === "churned" || ctx.subscriptionStatus === "canceled";

/** The conversation classes open for the customer, from runs, the ledger and billing state. */
export function openClasses(
  ctx: PlayContext,
  exceptRun?: string | null,
  exceptTactic?: string,
): Set<CollisionClass> {
  const open = new Set<CollisionClass>();
  for (const r of ctx.runs)
    if (isOpen(r) && r.runId !== exceptRun && r.tactic !== exceptTactic) open.add(r.collision);
  // An offer waiting for an answer is a conversation; an accepted one is applied (the ledger
  // keeps it from stacking).
  if (ctx.openOffers.some((o) => o.status === "proposed" && o.tactic !== exceptTactic)) open.add("offer");
  if (ctx.openPaymentFailure) open.add("payment_recovery");
  if (ctx.pendingCancellation) open.add("cancel_flow");
  return open;
}

function familyOf(slug: string): string | undefined {
  return TACTICS.get(slug)?.family;
}

/** Runs counted by a limit and when the window frees a slot (rolling windows only). */
function countRuns(
  runs: readonly RunRecord[],
  t: Tactic,
  per: Per,
  key: string | null | undefined,
  family: string | undefined,
  now: Date,
): { n: number; freeAt: Date | null } {
  const mine = runs.filter((r) => (family ? familyOf(r.tactic) === family : r.tactic === t.slug));
  if ("days" in per) {
    const from = addDaysTo(now, -per.days).getTime();
    const inWin = mine.filter((r) => Date.parse(r.startedAt) > from).map((r) => Date.parse(r.startedAt));
    const oldest = inWin.length ? Math.min(...inWin) : null;
    return { n: inWin.length, freeAt: oldest === null ? null : addDaysTo(new Date(oldest), per.days) };
  }
  if ("key" in per) return { n: key == null ? 0 : mine.filter((r) => r.key === key).length, freeAt: null };
  return { n: mine.length, freeAt: null };
}

const perWords = (per: Per): string =>
  "days" in per ? `per ${per.days} days` : "key" in per ? `per ${per.key.replace("_", " ")}` : "per lifetime";

function startChecks(
  c: Candidate,
  ctx: PlayContext,
  r: ResolvedTactic,
  config: PlaysConfig,
  now: Date,
): Decision | null {
  const t = r.tactic;
  const g = t.guardrails;
  const failing = failedConditions(t.eligibility, ctx, now);
  if (failing.length > 0) {
    const failed = failing.map(describeCondition);
    return suppress("ineligible", `Not eligible: needs ${failed.join("; ")}`);
  }
  if (g.coverageFloorDays !== undefined && ctx.usageHistoryDays < g.coverageFloorDays)
    return suppress(
      "ineligible",
      `Usage history ${ctx.usageHistoryDays} days, below the floor of ${g.coverageFloorDays}`,
    );
  if (g.respectLeaveAlone) {
    const s = ctx.scores[config.leaveAlone.kind];
    if (s && config.leaveAlone.levels.includes(s.level))
      return suppress("leave_alone", `${config.leaveAlone.kind} is ${s.level}: left alone`);
  }
  if (ctx.runs.some((x) => isOpen(x) && x.tactic === t.slug))
    return suppress("already_running", `${t.slug} already has an open run for this customer`);
  const lifetime = ctx.runs.filter((x) => x.tactic === t.slug).length;
  if (g.lifetimeCap !== undefined && lifetime >= g.lifetimeCap)
    return suppress("lifetime_cap", `${lifetime} of ${g.lifetimeCap} lifetime runs used`);
  for (const lim of g.rateLimits) {
    const { n, freeAt } = countRuns(ctx.runs, t, lim.per, c.key, lim.family, now);
    if (n >= lim.max) {
      const scope = lim.family ? `the ${lim.family} family` : t.slug;
      return suppress("rate_limit", `${scope}: ${n} of ${lim.max} ${perWords(lim.per)}`, freeAt);
    }
  }
  for (const [days, response] of [
    [g.cooldownAfterDeclineDays, "declined"],
    [g.cooldownAfterDismissDays, "dismissed"],
  ] as const) {
    if (days === undefined) continue;
    const last = ctx.runs
      .filter((x) => x.tactic === t.slug && x.response === response && x.endedAt)
      .map((x) => Date.parse(x.endedAt!))
      .sort((a, b) => b - a)[0];
    if (last !== undefined && now.getTime() < addDaysTo(new Date(last), days).getTime())
      return suppress(
        "cooldown",
        `${response} ${t.slug}; ${days}-day cooldown`,
        addDaysTo(new Date(last), days),
      );
  }
  return null;
}

function channelChecks(
  c: Candidate,
  channel: Channel,
  ctx: PlayContext,
  t: Tactic,
  config: PlaysConfig,
  now: Date,
) {
  const consent = ctx.consents[channel];
  if (consent === "opted_out") return suppress("opt_out", `The customer opted out of ${channel}`);
  if (channel === "sms" && consent !== "opted_in")
    return suppress("consent", "SMS needs explicit opt-in consent");
  const weekAgo = addDaysTo(now, -7).getTime();
  for (const cap of t.guardrails.channelCaps ?? []) {
    if (cap.channel !== channel) continue;
    const mine = ctx.contacts.filter((x) => x.tactic === t.slug && x.channel === channel);
    let counted = mine;
    let freeAt: Date | null = null;
    if ("days" in cap.per) {
      const from = addDaysTo(now, -cap.per.days).getTime();
      counted = mine.filter((x) => Date.parse(x.at) > from);
      const oldest = Math.min(...counted.map((x) => Date.parse(x.at)));
      if (counted.length) freeAt = addDaysTo(new Date(oldest), cap.per.days);
    } else if ("key" in cap.per) {
      counted =
        cap.per.key === "session"
          ? c.sessionId
            ? mine.filter((x) => x.sessionId === c.sessionId)
            : []
          : mine.filter((x) => c.key != null && x.key === c.key);
    }
    if (counted.length >= cap.max)
      return suppress(
        "channel_cap",
        `${t.slug}: ${counted.length} of ${cap.max} ${channel} ${perWords(cap.per)}`,
        freeAt,
      );
  }
  const week = ctx.contacts.filter((x) => x.channel === channel && Date.parse(x.at) > weekAgo);
  const cap = config.weeklyCap[channel];
  if (week.length >= cap && !c.responsive) {
    const oldest = Math.min(...week.map((x) => Date.parse(x.at)));
    return suppress(
      "weekly_cap",
      `${week.length} of ${cap} ${channel} messages this week`,
      week.length ? addDaysTo(new Date(oldest), 7) : addDaysTo(now, 7),
    );
  }
  if (PUSH_CHANNELS.includes(channel)) {
    const tz = ctx.timeZone ?? config.defaultTimeZone;
    const until = quietUntil(now, tz, config.quietHours.start, config.quietHours.end);
    if (until)
      return {
        outcome: "defer" as const,
        rule: "quiet_hours" as const,
        message: `Quiet hours ${config.quietHours.start}-${config.quietHours.end} in ${tz}`,
        until: until.toISOString(),
      };
  }
  return null;
}

/** The one decision for a candidate play at `now`. */
export function decide(
  c: Candidate,
  ctx: PlayContext,
  r: ResolvedTactic,
  config: PlaysConfig,
  now: Date,
): Decision {
  const t = r.tactic;
  const g = t.guardrails;
  if (!r.enabled) return suppress("disabled", `${t.slug} is switched off`);
  if (r.missing.length > 0) return suppress("surface_unavailable", `${t.slug} needs ${r.missing.join(", ")}`);
  if (t.scope === "org") return suppress("org_scope", `${t.slug} acts on the org, not a customer`);
  const churned = isChurned(ctx);
  const churnedAllowed = t.stage === "reengage" || (g.stages?.includes("churned") ?? false);
  if (churned && !churnedAllowed) return suppress("churned", "The customer has churned");
  if (t.stage === "reengage" && !churned)
    return suppress("stage_gate", "Reengage tactics are for churned customers");
  if (g.stages && ctx.lifecycleStage && !g.stages.includes(ctx.lifecycleStage))
    return suppress("stage_gate", `Lifecycle stage ${ctx.lifecycleStage} is not ${g.stages.join(" or ")}`);
  if (c.kind === "start") {
    const d = startChecks(c, ctx, r, config, now);
    if (d) return d;
  }
  const open = openClasses(ctx, c.runId, t.slug);
  const blocking = g.collision.suppressWhile.filter((k) => open.has(k));
  if (blocking.length > 0) return suppress("collision", `Open ${blocking.join(", ")} takes priority`);
  // A start asks whether a run may begin; each message then asks about its channel as a step,
  // so quiet hours and weekly caps delay the message and never drop the run.
  if (c.kind === "step" && isChannel(c.surface)) {
    const d = channelChecks(c, c.surface, ctx, t, config, now);
    if (d) return d;
  }
  const approval = (g.approvalAboveArr ?? false) && ctx.arr > config.approval.arrAbove;
  return { outcome: "fire", approval };
}
