import type { ScoreChange } from "../scores/changes.ts";
import { CATALOG } from "./catalog/index.ts";
import { type PlaysConfig, type ResolvedTactic, resolveTactic } from "./config.ts";
import { type Candidate, type Decision, decide, isChurned } from "./contact-policy.ts";
import { dueStep, type FlowEffect, type FlowState, runRecord, startFlow, transition } from "./flow.ts";
import { expire, isDiscount, isOpenOffer, type Offer, propose } from "./offers-ledger.ts";
import { firedTriggers, trialKey } from "./triggers.ts";
import { COLLISION_PRIORITY, isChannel, type PlayContext, type Tactic } from "./types.ts";

/**
 * One tick for one customer, pure: route new events to open flows, take every due step through
 * the contact policy (and the offers ledger for offer steps), then start the runs whose
 * triggers fired, highest collision priority first. The store wiring loads the inputs and
 * writes flows, offers, decisions and effects (outbox rows keyed by `idempotencyKey`) in one
 * transaction.
 */

export interface CustomerTickInput {
  ctx: PlayContext;
  config: PlaysConfig;
  /** This customer's open flows. */
  flows: readonly FlowState[];
  /** This customer's offers ledger. */
  offers: readonly Offer[];
  /** Score changes for this customer since the last tick. */
  changes: readonly ScoreChange[];
  since: Date;
  now: Date;
  catalog?: readonly Tactic[];
}

export interface DecisionRecord {
  customerId: string;
  tactic: string;
  at: string;
  kind: "start" | "step";
  stepId: string | null;
  key: string | null;
  cause: string;
  decision: Decision;
}

export interface CustomerTickResult {
  flows: FlowState[];
  offers: Offer[];
  decisions: DecisionRecord[];
  effects: FlowEffect[];
  ctx: PlayContext;
}

/**
 * Which runs an event reaches: an unkeyed event reaches every open run; a keyed one (a limit and
 * period, a failure episode, or an answer keyed by the run id) only the run with that key or id.
 */
export const reaches = (e: { key?: string }, f: Pick<FlowState, "key" | "runId">): boolean =>
  !e.key || e.key === f.key || e.key === f.runId;

/** A run's id is derived from its trigger, so every worker starting it names it the same. */
export const runIdFor = (tactic: string, key: string | null, now: Date): string =>
  `${tactic}@${key ?? now.toISOString()}`;

const byPriority = (a: Tactic, b: Tactic) =>
  COLLISION_PRIORITY[a.guardrails.collision.class] - COLLISION_PRIORITY[b.guardrails.collision.class];

interface Prepared {
  bySlug: Map<string, Tactic>;
  /** Customer-scope tactics, highest collision priority first. */
  ordered: Tactic[];
  resolved: WeakMap<PlaysConfig, Map<string, ResolvedTactic>>;
}
const prepared = new WeakMap<readonly Tactic[], Prepared>();

/** Per-catalog lookups and per-config resolutions, computed once (the tick runs per customer). */
function prepare(catalog: readonly Tactic[]): Prepared {
  let p = prepared.get(catalog);
  if (!p) {
    p = {
      bySlug: new Map(catalog.map((t) => [t.slug, t])),
      ordered: catalog.filter((t) => t.scope === "customer").sort(byPriority),
      resolved: new WeakMap(),
    };
    prepared.set(catalog, p);
  }
  return p;
}

function resolvedFor(p: Prepared, config: PlaysConfig, t: Tactic): ResolvedTactic {
  let m = p.resolved.get(config);
  if (!m) {
    m = new Map();
    p.resolved.set(config, m);
  }
  let r = m.get(t.slug);
  if (!r) {
    r = resolveTactic(config, t);
    m.set(t.slug, r);
  }
  return r;
}

export function tickCustomer(input: CustomerTickInput): CustomerTickResult {
  const { config, now, since } = input;
  const catalog = input.catalog ?? CATALOG;
  const prep = prepare(catalog);
  const bySlug = prep.bySlug;
  let ctx: PlayContext = input.ctx;
  let offers: Offer[] = [...input.offers];
  const flows = new Map(input.flows.map((f) => [f.runId, f]));
  const decisions: DecisionRecord[] = [];
  const effects: FlowEffect[] = [];

  const syncCtx = () => {
    const open = offers.filter((o) => isOpenOffer(o, now));
    const openRuns = new Set([...flows.keys()]);
    ctx = {
      ...ctx,
      runs: [
        ...ctx.runs.filter((r) => !openRuns.has(r.runId)),
        ...[...flows.values()].map((f) => runRecord(bySlug.get(f.tactic)!, f)),
      ],
      openOffers: open.map((o) => ({
        kind: o.kind,
        tactic: o.tactic,
        status: o.status as "proposed" | "accepted",
      })),
      hasDiscount: ctx.hasDiscount || open.some((o) => isDiscount(o.kind) && o.status === "accepted"),
    };
  };

  // Offers past their time expire.
  offers = offers.map((o) => {
    if (o.status !== "proposed" || Date.parse(o.expiresAt) > now.getTime()) return o;
    const r = expire(o, now);
    return r.ok ? r.value : o;
  });
  syncCtx();

  const apply = (t: Tactic, f: FlowState, r: { state: FlowState; effects: FlowEffect[] }) => {
    flows.set(f.runId, r.state);
    effects.push(...r.effects);
    for (const e of r.effects) {
      if (e.type === "send" && isChannel(e.surface))
        ctx = {
          ...ctx,
          contacts: [
            ...ctx.contacts,
            { tactic: t.slug, runId: f.runId, channel: e.surface, at: e.at, key: f.key },
          ],
        };
    }
    syncCtx();
  };

  /** Takes every due step of one flow through the policy (a ladder may send several at once). */
  const runSteps = (t: Tactic, start: FlowState) => {
    let f = start;
    for (let i = 0; i <= t.steps.length; i++) {
      const step = dueStep(t, f, now);
      if (!step) {
        apply(t, f, transition(t, f, { type: "tick" }, now)); // window end, if reached
        return;
      }
      const resolved = resolvedFor(prep, config, t);
      const c: Candidate = {
        tactic: t.slug,
        kind: "step",
        surface: step.surface,
        key: f.key,
        runId: f.runId,
        responsive: step.responsive ?? false,
      };
      let d = decide(c, ctx, resolved, config, now);
      let offerId: string | undefined;
      if (d.outcome === "fire" && step.offer && t.offer) {
        const o = t.offer;
        const r = propose(
          offers,
          {
            id: `${f.runId}:${step.id}`,
            customerId: ctx.customerId,
            tactic: t.slug,
            surface: step.surface,
            kind: o.kind,
            percent: o.percent?.default,
            cycles: o.cycles?.default,
            months: o.months?.default,
            days: o.days?.default,
            trialId: o.kind === "trial_extension" ? (f.key ?? trialKey(ctx)) : undefined,
          },
          config.offers,
          now,
        );
        if (r.ok) {
          offers = [...offers, r.value];
          offerId = r.value.id;
        } else
          d = {
            outcome: "suppress",
            rule: "offer_refused",
            message: `${r.rule}: ${r.message}`,
            retryAt: null,
          };
      }
      decisions.push({
        customerId: ctx.customerId,
        tactic: t.slug,
        at: now.toISOString(),
        kind: "step",
        stepId: step.id,
        key: f.key,
        cause: "step due",
        decision: d,
      });
      const r = transition(t, f, { type: "tick", decision: d }, now);
      if (offerId) for (const e of r.effects) if (e.type === "send") e.offerId = offerId;
      apply(t, f, r);
      f = r.state;
      if (f.status !== "active") return;
    }
  };

  // 1. New events reach open flows (exits on conversion, decline; event-driven steps).
  const fresh = ctx.events.filter(
    (e) => Date.parse(e.at) > since.getTime() && Date.parse(e.at) <= now.getTime(),
  );
  for (const f of [...flows.values()]) {
    const t = bySlug.get(f.tactic);
    if (!t || f.status !== "active") continue;
    let st = f;
    for (const e of fresh) {
      if (!reaches(e, st)) continue;
      const r = transition(t, st, { type: "event", event: e.type }, now);
      apply(t, st, r);
      st = r.state;
    }
    if (
      st.status === "active" &&
      isChurned(ctx) &&
      t.stage !== "reengage" &&
      !t.guardrails.stages?.includes("churned")
    ) {
      apply(
        t,
        st,
        transition(t, st, { type: "exit", cause: "churned", detail: "the customer churned" }, now),
      );
    }
  }

  // 2. Due steps of open flows, highest priority first.
  const open = [...flows.values()]
    .filter((f) => f.status === "active" && bySlug.has(f.tactic))
    .sort((a, b) => byPriority(bySlug.get(a.tactic)!, bySlug.get(b.tactic)!));
  for (const f of open) runSteps(bySlug.get(f.tactic)!, flows.get(f.runId)!);

  // 3. Fired triggers start runs, highest priority first. A score trigger needs a change of its
  // kind and an event trigger one of its events: others are skipped before any work.
  const changedKinds = new Set(input.changes.map((c) => c.kind));
  const seenEvents = new Set(fresh.map((e) => e.type));
  for (const t of prep.ordered) {
    const tr = t.trigger;
    if (tr.type === "score" && !changedKinds.has(tr.kind)) continue;
    if (tr.type === "event" && !tr.events.some((e) => seenEvents.has(e))) continue;
    const resolved = resolvedFor(prep, config, t);
    if (!resolved.enabled || resolved.missing.length > 0) continue;
    for (const fired of firedTriggers(t, resolved.params, ctx, input.changes, since, now)) {
      const first = t.steps[0]!;
      const c: Candidate = {
        tactic: t.slug,
        kind: "start",
        surface: first.surface,
        key: fired.key,
        sessionId: fired.sessionId,
      };
      const d = decide(c, ctx, resolved, config, now);
      decisions.push({
        customerId: ctx.customerId,
        tactic: t.slug,
        at: now.toISOString(),
        kind: "start",
        stepId: null,
        key: fired.key,
        cause: fired.cause,
        decision: d,
      });
      if (d.outcome !== "fire") continue;
      const f = startFlow(
        t,
        {
          orgId: ctx.orgId,
          customerId: ctx.customerId,
          runId: runIdFor(t.slug, fired.key, now),
          key: fired.key,
        },
        now,
      );
      // Events already seen this tick (a limit reached with the prompt) count for the new run.
      let st = f;
      for (const e of fresh)
        if (t.steps.some((s) => s.on === e.type) && reaches(e, f))
          st = { ...st, events: [...st.events, e.type] };
      flows.set(st.runId, st);
      syncCtx();
      runSteps(t, st);
    }
  }

  return { flows: [...flows.values()], offers, decisions, effects, ctx };
}
