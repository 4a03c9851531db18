import { TACTICS } from "../core/plays/catalog/index.ts";
import type { Insight } from "../core/plays/insights.ts";
import { accept, decline } from "../core/plays/offers-ledger.ts";
import { tickCustomer } from "../core/plays/tick.ts";
import { addDaysTo } from "../core/plays/time.ts";
import { CUSTOMER_CHANNELS } from "../core/plays/types.ts";
import type { ScoreChange } from "../core/scores/changes.ts";
import { appendAudit } from "../store/audit.ts";
import { expireApprovals } from "../store/plays/approvals.ts";
import { earliestDueAfter } from "../store/plays/changed-customers.ts";
import {
  type CustomerFacts,
  churnIntentTickets,
  currentScores,
  customerPage,
  firstUsageDays,
  planFacts,
  recentEvents,
  subscriptionFacts,
} from "../store/plays/context-facts.ts";
import { saveInsight } from "../store/plays/insights.ts";
import { offersOf } from "../store/plays/offers.ts";
import { contactsOf, setOutboxStatus } from "../store/plays/outbox.ts";
import { lastTickRecord, openRunCounts, recordTick, runsOf } from "../store/plays/runs.ts";
import { advanceCursor, readCursor, readScoreChanges } from "../store/score-changes.ts";
import { withTransaction } from "../store/transaction.ts";
import type { UseCaseContext } from "./context.ts";
import { emitPlayDelivery } from "./delivery/play-delivery.ts";
import { orgConfig } from "./org-config.ts";
import { assembleContext, toScoreChange } from "./play-context.ts";
import { orgInsights } from "./play-insights.ts";
import { type CandidateReasons, playsConfigHash, tickCandidates } from "./play-tick-candidates.ts";
import {
  countDecision,
  countsOf,
  type DecisionView,
  decisionView,
  type TacticCounts,
} from "./play-tick-counts.ts";
import { effectRows, emptyWrites, runRow, STORED, writePage } from "./play-writes.ts";

export type { DecisionView, TacticCounts } from "./play-tick-counts.ts";

/**
 * One plays tick for an org (docs/plays.md): a page of customers at a time, load each one's
 * PlayContext, call the pure `tickCustomer` with the as-of clock, and write runs, decisions,
 * outbox rows, offers, tasks, deals and approvals in one transaction per
 * few pages (WRITE_EVERY customers). Every row an
 * effect makes is keyed by the effect's idempotency key and inserted or ignored, so a rerun or
 * a second worker writes it exactly once. A dry run writes nothing and returns the same decisions.
 */

/** The consumer name of the plays engine in `change_cursors`. */
export const PLAYS_CONSUMER = "plays";
const PAGE = 500;
/**
 * Customers whose writes share one transaction (several pages): every commit rewrites the
 * indexes' hot pages to the WAL, so fewer, larger commits write less (BENCHMARKS.md "Plays tick").
 */
const WRITE_EVERY = 5_000;
/** Play events are derived from this many days of canonical events. */
const EVENT_DAYS = 31;
/** Contact history the weekly and channel caps count. */
const CONTACT_DAYS = 120;
const CHANGE_BATCH = 10_000;

export interface PlaysTickOptions {
  asOf?: Date | undefined;
  dryRun?: boolean | undefined;
  /** Only these customers (the change cursor and the tick record stay where they are). */
  customers?: readonly string[] | undefined;
  /**
   * Evaluate every customer. Otherwise only the customers with something new (a score change, an
   * event, a due step timer, an expiring offer, a schedule that fires today: play-tick-candidates.ts),
   * unless it is the org's first tick or the plays config changed since the last one.
   */
  full?: boolean | undefined;
  /** Return at most this many decisions (all are written); default all. */
  maxDecisions?: number | undefined;
  actor?: string | undefined;
}

export interface PlaysTickResult {
  tickId: string;
  asOf: string;
  since: string;
  dryRun: boolean;
  /** full: every customer; incremental: only those with something new; customers: the ones asked for. */
  mode: "full" | "incremental" | "customers";
  /** Why customers were evaluated (incremental ticks). */
  reasons: CandidateReasons | null;
  /** Customers evaluated. */
  customers: number;
  /** Milliseconds: choosing customers, loading their rows, the pure tick (context + tickCustomer + rows to write), writing. */
  phases: { select: number; load: number; pure: number; write: number };
  changes: number;
  counts: Record<string, TacticCounts>;
  decisions: DecisionView[];
  written: { runs: number; decisions: number; outbox: number; approvals: number; insights: number };
  /**
   * The earliest step due after this tick (a deferral to the end of quiet hours, a wait): when a
   * step timer should tick the org. Not queued here: a future-dated job would hold `worker
   * --until-idle` open; the scheduler is the place to queue it.
   */
  nextDueAt: string | null;
  insights: Insight[];
}

export const tickIdOf = (asOf: Date): string => `tick:${asOf.toISOString().slice(0, 16)}`;

/** Score changes after the cursor, per customer, and the last id read. */
async function pendingChanges(ctx: UseCaseContext, orgId: number) {
  const from = await readCursor(ctx.db, orgId, PLAYS_CONSUMER);
  const byCustomer = new Map<string, ScoreChange[]>();
  let last = from;
  let n = 0;
  for (;;) {
    const batch = await readScoreChanges(ctx.db, orgId, last, CHANGE_BATCH);
    for (const c of batch) {
      const list = byCustomer.get(c.customerId) ?? [];
      list.push(toScoreChange(c));
      byCustomer.set(c.customerId, list);
    }
    n += batch.length;
    if (batch.length > 0) last = batch.at(-1)!.id;
    if (batch.length < CHANGE_BATCH) break;
  }
  return { byCustomer, last, n };
}

export async function runPlaysTick(
  ctx: UseCaseContext,
  orgId: number,
  opts: PlaysTickOptions = {},
): Promise<PlaysTickResult> {
  const now = new Date(Math.floor((opts.asOf ?? ctx.now()).getTime() / 60_000) * 60_000);
  const at = now.toISOString();
  const tickId = tickIdOf(now);
  const dryRun = opts.dryRun ?? false;
  const maxDecisions = opts.maxDecisions ?? Number.POSITIVE_INFINITY;
  const full = opts.customers === undefined;
  const config = (await orgConfig(ctx, orgId)).config.plays;
  const configHash = playsConfigHash(config);
  const last = await lastTickRecord(ctx.db, orgId, at);
  const sinceIso = last?.asOf ?? addDaysTo(now, -1).toISOString();
  const since = new Date(sinceIso);
  const changes = await pendingChanges(ctx, orgId);
  const mode: PlaysTickResult["mode"] = !full
    ? "customers"
    : opts.full || last === null || last.configHash !== configHash
      ? "full"
      : "incremental";
  const phases = { select: 0, load: 0, pure: 0, write: 0 };
  let t0 = performance.now();
  const picked =
    mode === "incremental"
      ? await tickCandidates(ctx.db, orgId, { config, since, now, changed: changes.byCustomer.keys() })
      : null;
  const only = picked ? picked.ids : opts.customers ? [...new Set(opts.customers)].sort() : undefined;
  phases.select = performance.now() - t0;
  const plans = await planFacts(ctx.db, orgId);
  const counts: Record<string, TacticCounts> = {};
  const decisions: DecisionView[] = [];
  const written = { runs: 0, decisions: 0, outbox: 0, approvals: 0, insights: 0 };
  const eventsFrom = addDaysTo(now, -EVENT_DAYS).toISOString();
  let customers = 0;
  let nextDueAt: string | null = null;
  let after: string | null = null;
  let w = emptyWrites();
  let pending = 0;
  const flush = async () => {
    const t = performance.now();
    if (!dryRun && pending > 0) {
      const batch = w;
      const n = await withTransaction(ctx.db, async (tx) =>
        emitPlayDelivery(ctx, tx, orgId, batch, await writePage(tx, orgId, batch)),
      );
      written.runs += n.runs;
      written.decisions += n.decisions;
      written.outbox += n.outbox;
      written.approvals += n.approvals;
    }
    w = emptyWrites();
    pending = 0;
    phases.write += performance.now() - t;
  };

  for (let offset = 0; ; offset += PAGE) {
    t0 = performance.now();
    const page: CustomerFacts[] = only
      ? await customerPage(ctx.db, orgId, null, PAGE, only.slice(offset, offset + PAGE))
      : await customerPage(ctx.db, orgId, after, PAGE);
    if (page.length === 0 && (!only || offset >= only.length)) break;
    after = page.at(-1)?.id ?? after;
    const ids = page.map((c) => c.id);
    const [scores, subs, events, intents, firstUse, runs, contacts, offers] = await Promise.all([
      currentScores(ctx.db, orgId, ids),
      subscriptionFacts(ctx.db, orgId, ids),
      recentEvents(ctx.db, orgId, ids, eventsFrom, at),
      churnIntentTickets(ctx.db, orgId, ids, eventsFrom, at),
      firstUsageDays(ctx.db, orgId, ids),
      runsOf(ctx.db, orgId, ids),
      contactsOf(ctx.db, orgId, ids, addDaysTo(now, -CONTACT_DAYS).toISOString(), CUSTOMER_CHANNELS),
      offersOf(ctx.db, orgId, ids),
    ]);
    const group = <T extends { customerId?: string; customer_id?: string }>(xs: readonly T[]) => {
      const m = new Map<string, T[]>();
      for (const x of xs) {
        const k = (x.customerId ?? x.customer_id)!;
        const l = m.get(k) ?? [];
        l.push(x);
        m.set(k, l);
      }
      return m;
    };
    const [gScores, gSubs, gEvents, gIntents, gRuns, gContacts, gOffers] = [
      group(scores),
      group(subs),
      group(events),
      group(intents),
      group(runs),
      group(contacts),
      group(offers),
    ];
    const t1 = performance.now();
    phases.load += t1 - t0;
    for (const c of page) {
      customers++;
      const a = assembleContext(
        orgId,
        {
          customer: c,
          scores: gScores.get(c.id) ?? [],
          subscriptions: gSubs.get(c.id) ?? [],
          events: gEvents.get(c.id) ?? [],
          churnIntents: gIntents.get(c.id) ?? [],
          firstUsageDay: firstUse.get(c.id) ?? null,
          runs: gRuns.get(c.id) ?? [],
          contacts: gContacts.get(c.id) ?? [],
          offers: gOffers.get(c.id) ?? [],
        },
        plans,
        now,
      );
      // Answers seen in the events move the ledger before the tick reads it.
      // Unchanged rows come back as the same objects: only new ones are compared as JSON.
      const before = new Map(a.offers.map((o) => [o.id, o]));
      let ledger = a.offers;
      for (const ans of a.answers) {
        if (Date.parse(ans.at) <= since.getTime()) continue;
        ledger = ledger.map((o) => {
          if (o.id !== ans.offerId) return o;
          const r = ans.how === "accept" ? accept(o, new Date(ans.at)) : decline(o, new Date(ans.at));
          return r.ok ? r.value : o;
        });
      }
      const r = tickCustomer({
        ctx: a.ctx,
        config,
        flows: a.flows,
        offers: ledger,
        changes: changes.byCustomer.get(c.id) ?? [],
        since,
        now,
      });
      const starts = new Map<string, string>();
      for (const d of r.decisions) {
        const v = decisionView(d);
        if (decisions.length < maxDecisions) decisions.push(v);
        countDecision(counts, v);
        if (d.kind === "start" && d.decision.outcome === "fire") starts.set(`${d.tactic}|${d.key}`, d.cause);
        w.decisions.push({
          decision_key: [tickId, d.customerId, d.tactic, d.kind, d.stepId ?? "", d.key ?? ""].join("|"),
          tick_id: tickId,
          customer_id: d.customerId,
          tactic: d.tactic,
          kind: d.kind,
          step_id: d.stepId,
          run_key: d.key,
          cause: d.cause,
          outcome: v.outcome,
          rule: v.rule,
          reason: v.reason,
          next_eligible_at: v.next_eligible_at,
          approval: v.approval ? 1 : 0,
          as_of: at,
        });
      }
      const prior = new Map(a.flows.map((f) => [f.runId, f]));
      const changed = <T>(was: T | undefined, now: T) =>
        was !== now && (was === undefined || JSON.stringify(was) !== JSON.stringify(now));
      for (const f of r.flows) {
        if (f.status === "active") countsOf(counts, f.tactic).inFlight++;
        if (f.status === "active" && f.dueAt && f.dueAt > at && (nextDueAt === null || f.dueAt < nextDueAt))
          nextDueAt = f.dueAt;
        if (changed(prior.get(f.runId), f)) w.runs.push(runRow(f, at, TACTICS.get(f.tactic)));
      }
      for (const o of r.offers) if (changed(before.get(o.id), o)) w.offers.push(o);
      for (const e of r.effects) {
        if (e.type !== "send") continue;
        const t = TACTICS.get(e.tactic)!;
        w.outbox.push({
          idempotency_key: e.idempotencyKey,
          customer_id: e.customerId,
          tactic: e.tactic,
          run_id: e.runId,
          step_id: e.stepId,
          channel: e.surface,
          payload: JSON.stringify({
            action: e.action,
            offer_id: e.offerId ?? null,
            approval: e.approval,
            at: e.at,
          }),
          status: e.approval ? "held" : STORED.has(e.surface) ? "delivered" : "pending",
          created_at: at,
        });
        const key = r.flows.find((f) => f.runId === e.runId)?.key ?? null;
        const cause = starts.get(`${e.tactic}|${key}`) ?? `step ${e.stepId} due`;
        effectRows(e, t, cause, { arr: c.arr, owner: c.owner }, config.approval, w, now);
      }
    }
    phases.pure += performance.now() - t1;
    pending += page.length;
    if (pending >= WRITE_EVERY) await flush();
    if (!only && page.length < PAGE) break;
  }
  await flush();

  const insights = await orgInsights(ctx, orgId, config, plans, now);
  if (!dryRun) {
    await withTransaction(ctx.db, async (tx) => {
      for (const i of insights) {
        await saveInsight(tx, orgId, {
          tactic: i.tactic,
          title: i.title,
          figures: JSON.stringify(i.figures),
          suggestion: i.suggestion,
          open: i.open ? 1 : 0,
          as_of: at,
          updated_at: at,
        });
        written.insights++;
      }
      for (const key of await expireApprovals(tx, orgId, at))
        await setOutboxStatus(tx, orgId, key, "held", "cancelled");
      if (full) {
        if (mode === "incremental") {
          // In flight counts every open run, not only the customers this tick evaluated.
          for (const c of Object.values(counts)) c.inFlight = 0;
          for (const [slug, n] of await openRunCounts(tx, orgId)) countsOf(counts, slug).inFlight = n;
        }
        await advanceCursor(tx, orgId, PLAYS_CONSUMER, changes.last);
        await recordTick(tx, orgId, {
          tickId,
          asOf: at,
          counts,
          actor: opts.actor ?? "plays",
          at: ctx.now().toISOString(),
          configHash,
        });
      }
      await appendAudit(tx, orgId, ctx.now(), {
        actor: opts.actor ?? "plays",
        action: "plays.tick",
        subject: tickId,
        detail: { asOf: at, since: sinceIso, mode, customers, changes: changes.n, written, counts },
      });
    });
  }
  // The step timer: the earliest due run of the whole org (the store is current after the writes).
  if (!dryRun) nextDueAt = await earliestDueAfter(ctx.db, orgId, at);
  return {
    tickId,
    asOf: at,
    since: sinceIso,
    dryRun,
    mode,
    reasons: picked?.reasons ?? null,
    customers,
    phases,
    changes: changes.n,
    counts,
    decisions,
    written,
    insights,
    nextDueAt,
  };
}
