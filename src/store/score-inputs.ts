import { customerStatus, type StatusChurnEvent, type StatusSubscription } from "../core/customers/status.ts";
import type { EarlyWarningWindows } from "../core/early-warning/windows.ts";
import type { DailyMetric } from "../core/events/metrics.ts";
import type { ScoreState } from "../core/scores/changes.ts";
import type { ScoreInput } from "../core/scores/input.ts";
import { LOOKBACK_DAYS } from "../core/scores/input.ts";
import { SCORE_KINDS, type ScoreKind } from "../core/scores/kinds.ts";
import { addDays } from "../core/util/dates.ts";
import { type CustomerPage, inPage, loadEarlyWarningPage } from "./early-warning-inputs.ts";
import type { Db } from "./open-store.ts";
import { rawRows } from "./raw-rows.ts";

export type { CustomerPage } from "./early-warning-inputs.ts";

type Status = ScoreInput["profile"]["subscriptionStatus"];
const STATUSES = new Set(["trialing", "active", "past_due", "paused", "canceled"]);

export interface Catalog {
  ranks: Map<string, number>;
  limits: Map<string, Record<string, number>>;
  maxPublicRank: number | null;
}

export async function loadCatalog(db: Db, orgId: number): Promise<Catalog> {
  const rows = await db.kysely
    .selectFrom("plans")
    .select(["tier", "rank", "is_public", "limits"])
    .where("org_id", "=", orgId)
    .execute();
  const ranks = new Map<string, number>();
  const limits = new Map<string, Record<string, number>>();
  let maxPublicRank: number | null = null;
  for (const r of rows) {
    ranks.set(r.tier, r.rank);
    limits.set(r.tier, r.limits ? (JSON.parse(r.limits) as Record<string, number>) : {});
    if (r.is_public === 1 && (maxPublicRank === null || r.rank > maxPublicRank)) maxPublicRank = r.rank;
  }
  return { ranks, limits, maxPublicRank };
}

/**
 * The stored status is the latest one; replaying an earlier day must not see a later change
 * (a cancellation after asOf reads as active then; a trial that ends after asOf as trialing).
 */
export function statusAsOf(
  stored: string | null,
  trialEnd: string | null,
  pausedOn: string | null,
  asOf: string,
): Status {
  if (trialEnd !== null && trialEnd > asOf) return "trialing";
  if (stored === "paused") return pausedOn !== null && pausedOn <= asOf ? "paused" : "active";
  if (stored === "canceled" || stored === null || !STATUSES.has(stored)) return "active";
  return stored as Status;
}

/** The next page of customer ids after `after` (in id order), for batch recomputes. */
export async function customerIdPage(
  db: Db,
  orgId: number,
  after: string | null,
  limit: number,
): Promise<string[]> {
  let q = db.kysely.selectFrom("customers").select("id").where("org_id", "=", orgId);
  if (after !== null) q = q.where("id", ">", after);
  const rows = await q.orderBy("id").limit(limit).execute();
  return rows.map((r) => r.id);
}

/** The stored current rows of a page, by kind then customer, as they were before this step. */
export type PreviousScores = ReadonlyMap<ScoreKind, ReadonlyMap<string, ScoreState>>;

/** The four stored status columns of a customer (compared so only changed rows are written). */
export interface StoredStatus {
  status: string | null;
  churn_date: string | null;
  churn_reason: string | null;
  lost_arr: number | null;
}

export interface ScorePage {
  /** In id order; customers not in the store are left out. Each carries its status as of the day. */
  inputs: ScoreInput[];
  previous: PreviousScores;
  /** The page's stored status columns, by customer id, before this step. */
  storedStatus: ReadonlyMap<string, StoredStatus>;
}

/** The page's current score rows of every kind, in one query (one range per kind on the key). */
export async function previousScores(db: Db, orgId: number, page: CustomerPage): Promise<PreviousScores> {
  const q = db.kysely
    .selectFrom("scores")
    .select(["kind", "customer_id", "score", "level"])
    .where("org_id", "=", orgId)
    .where("kind", "in", SCORE_KINDS)
    .where(inPage(db, "customer_id", page))
    .compile();
  const out = new Map<ScoreKind, Map<string, ScoreState>>();
  for (const r of await rawRows(db, q)) {
    const kind = r[0] as ScoreKind;
    let byId = out.get(kind);
    if (!byId) {
      byId = new Map();
      out.set(kind, byId);
    }
    byId.set(r[1] as string, { score: r[2] === null ? null : Number(r[2]), level: r[3] as string });
  }
  return out;
}

/**
 * Score inputs for a page of customers as of `asOf`: profile and seed 004's window aggregates
 * (one query), subscriptions, rollups of the lookback window, latest NPS per respondent, analysed
 * tickets, and the page's current score rows (the previous lifecycle stage, and what changes
 * are measured against).
 */
export async function loadScoreInputs(
  db: Db,
  orgId: number,
  page: CustomerPage,
  asOf: string,
  catalog: Catalog,
  windows: EarlyWarningWindows,
): Promise<ScorePage> {
  if (page.ids.length === 0) return { inputs: [], previous: new Map(), storedStatus: new Map() };
  const from = addDays(asOf, -(LOOKBACK_DAYS - 1));
  const idSet = new Set(page.ids);
  const k = db.kysely;

  const customers = await loadEarlyWarningPage(db, orgId, page, windows);
  const subs = await k
    .selectFrom("subscriptions")
    .select([
      "customer_id",
      "status",
      "trial_end",
      "end_date",
      "billing_frequency",
      "start_date",
      "paused_on",
      "arr",
      "is_trial",
    ])
    .where("org_id", "=", orgId)
    .where(inPage(db, "customer_id", page))
    .orderBy("customer_id")
    .orderBy("start_date")
    .execute();
  const metrics = await k
    .selectFrom("metrics_daily")
    .select(["customer_id", "day", "metric", "key", "value"])
    .where("org_id", "=", orgId)
    .where(inPage(db, "customer_id", page))
    .where("day", ">=", from)
    .where("day", "<=", asOf)
    .execute();
  const nps = await k
    .selectFrom("nps_responses")
    .select(["customer_id", "respondent", "day", "score"])
    .where("org_id", "=", orgId)
    .where(inPage(db, "customer_id", page))
    .where("day", "<=", asOf)
    .orderBy("day")
    .execute();
  const tickets = await k
    .selectFrom("tickets as t")
    .leftJoin("ticket_analyses as a", (j) =>
      j.onRef("a.org_id", "=", "t.org_id").onRef("a.ticket_id", "=", "t.id"),
    )
    .select(["t.customer_id", "t.account_id", "t.submitted_at", "a.sentiment", "a.churn_intent"])
    .where("t.org_id", "=", orgId)
    .where(db.driver.inTextList("t.account_id", [...new Set(customers.map((c) => c.accountId))]))
    .where("t.submitted_at", ">=", from)
    .where("t.submitted_at", "<", addDays(asOf, 1))
    .execute();
  const previous = await previousScores(db, orgId, page);
  const stored = await k
    .selectFrom("customers")
    .select(["id", "status", "churn_date", "churn_reason", "lost_arr"])
    .where("org_id", "=", orgId)
    .where(inPage(db, "id", page))
    .execute();
  const storedStatus = new Map<string, StoredStatus>();
  for (const r of stored)
    storedStatus.set(r.id, {
      status: r.status,
      churn_date: r.churn_date,
      churn_reason: r.churn_reason,
      lost_arr: r.lost_arr === null ? null : Number(r.lost_arr),
    });
  const accounts = [...new Set(customers.map((c) => c.accountId))];
  const churnRows =
    accounts.length === 0
      ? []
      : await k
          .selectFrom("churn_events")
          .select(["account_id", "churn_date", "reason_code", "is_reactivation"])
          .where("org_id", "=", orgId)
          .where(db.driver.inTextList("account_id", accounts))
          .execute();
  const churnByAccount = new Map<string, StatusChurnEvent[]>();
  for (const e of churnRows) {
    let list = churnByAccount.get(e.account_id);
    if (!list) {
      list = [];
      churnByAccount.set(e.account_id, list);
    }
    list.push({ day: e.churn_date, reason: e.reason_code, isReactivation: Number(e.is_reactivation) === 1 });
  }
  const subsById = new Map<string, StatusSubscription[]>();

  const byId = new Map<string, ScoreInput>();
  const inputs: ScoreInput[] = [];
  const ew = { usageEnd: windows.usageEnd, ticketEnd: windows.ticketEnd };
  for (const c of customers) {
    const tier = c.planTier;
    const input: ScoreInput = {
      customerId: c.customerId,
      profile: {
        signupDate: c.signupDate,
        planTier: tier,
        planRank: tier === null ? null : (catalog.ranks.get(tier) ?? null),
        maxPublicRank: catalog.maxPublicRank,
        planLimits: tier === null ? {} : (catalog.limits.get(tier) ?? {}),
        seats: c.seats,
        isTrial: c.signals.isTrial,
        trialEnd: null,
        subscriptionStatus: null,
        endedOn: null,
        billingFrequency: null,
        arr: c.arr,
      },
      metrics: [],
      nps: [],
      tickets: [],
      previousStage: previous.get("lifecycle_stage")?.get(c.customerId)?.level ?? null,
      earlyWarning: Object.assign(c.signals, ew),
    };
    byId.set(c.customerId, input);
    inputs.push(input);
    subsById.set(c.customerId, []);
  }
  // The latest-starting subscription that had started by asOf describes the customer.
  for (const s of subs) {
    const input = byId.get(s.customer_id);
    if (!input) continue;
    subsById.get(s.customer_id)!.push({
      start: s.start_date,
      end: s.end_date,
      status: s.status,
      trialEnd: s.trial_end,
      pausedOn: s.paused_on,
      isTrial: Number(s.is_trial) === 1,
      arr: Number(s.arr),
    });
    if (s.start_date > asOf) continue;
    const p = input.profile;
    const ended = s.end_date !== null && s.end_date <= asOf ? s.end_date : null;
    p.subscriptionStatus = ended ? "canceled" : statusAsOf(s.status, s.trial_end, s.paused_on, asOf);
    p.endedOn = ended;
    p.trialEnd = s.trial_end;
    // Subscriptions kept by API or events know when the trial ran; imports keep the customer's flag.
    if (s.status !== null) p.isTrial = p.subscriptionStatus === "trialing";
    p.billingFrequency = s.billing_frequency === "annual" ? "annual" : s.billing_frequency ? "monthly" : null;
  }
  // The one status (core/customers/status.ts), from the subscriptions and the account's churn events.
  for (const c of customers) {
    const input = byId.get(c.customerId)!;
    input.status = customerStatus(
      subsById.get(c.customerId) ?? [],
      churnByAccount.get(c.accountId) ?? [],
      { arr: c.arr, isTrial: c.signals.isTrial },
      asOf,
    );
  }
  // Rows come in key order (customer, then day): look a customer up once per run of its rows.
  // Each row is handed on as it is (its extra customer_id is harmless), not copied.
  let into: DailyMetric[] | undefined;
  let intoId: string | undefined;
  for (const m of metrics) {
    if (m.customer_id !== intoId) {
      intoId = m.customer_id;
      into = byId.get(intoId)?.metrics as DailyMetric[] | undefined;
    }
    into?.push(m as DailyMetric);
  }
  const latest = new Map<string, { respondent: string; day: string; score: number }>();
  for (const n of nps) {
    if (idSet.has(n.customer_id)) latest.set(`${n.customer_id}\u0000${n.respondent}`, n);
  }
  for (const [key, n] of latest) {
    const input = byId.get(key.slice(0, key.indexOf("\u0000")));
    if (input)
      (input.nps as { respondent: string; day: string; score: number }[]).push({
        respondent: n.respondent,
        day: n.day,
        score: n.score,
      });
  }
  // A ticket tied to a customer counts for that customer; one tied only to an account (a RavenStack
  // ticket at subscription grain, an upload linked by account id) for every customer of the account.
  const customersOf = new Map<string, string[]>();
  for (const c of customers)
    customersOf.set(c.accountId, [...(customersOf.get(c.accountId) ?? []), c.customerId]);
  for (const t of tickets) {
    const ids =
      t.customer_id !== null
        ? [t.customer_id]
        : t.account_id !== null
          ? (customersOf.get(t.account_id) ?? [])
          : [];
    for (const id of ids) {
      const input = byId.get(id);
      if (!input) continue;
      (input.tickets as ScoreInput["tickets"][number][]).push({
        day: t.submitted_at.slice(0, 10),
        sentiment:
          t.sentiment === "negative" || t.sentiment === "neutral" || t.sentiment === "positive"
            ? t.sentiment
            : null,
        churnIntent: t.churn_intent === null ? null : t.churn_intent === 1,
      });
    }
  }
  return { inputs, previous, storedStatus };
}
