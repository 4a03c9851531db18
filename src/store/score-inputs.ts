import type { DailyMetric } from "../core/events/metrics.ts";
import type { ScoreInput } from "../core/scores/input.ts";
import { LOOKBACK_DAYS } from "../core/scores/input.ts";
import { addDays } from "../core/util/dates.ts";
import type { Db } from "./open-store.ts";

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
function statusAsOf(
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

/**
 * Score inputs for a set of customers (ids sorted ascending; one contiguous page, or a few
 * ids), as of `asOf`: profile, rollups of the lookback window, latest NPS per respondent,
 * analysed tickets, and the previous lifecycle stage.
 */
export async function loadScoreInputs(
  db: Db,
  orgId: number,
  ids: readonly string[],
  asOf: string,
  catalog: Catalog,
): Promise<ScoreInput[]> {
  if (ids.length === 0) return [];
  const first = ids[0]!;
  const last = ids[ids.length - 1]!;
  const from = addDays(asOf, -(LOOKBACK_DAYS - 1));
  const idSet = new Set(ids);
  const k = db.kysely;

  const customers = await k
    .selectFrom("customers")
    .select(["id", "signup_date", "plan_tier", "seats", "is_trial", "arr"])
    .where("org_id", "=", orgId)
    .where("id", "in", ids)
    .execute();
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
    ])
    .where("org_id", "=", orgId)
    .where("customer_id", ">=", first)
    .where("customer_id", "<=", last)
    .orderBy("customer_id")
    .orderBy("start_date")
    .execute();
  const metrics = await k
    .selectFrom("metrics_daily")
    .select(["customer_id", "day", "metric", "key", "value"])
    .where("org_id", "=", orgId)
    .where("customer_id", ">=", first)
    .where("customer_id", "<=", last)
    .where("day", ">=", from)
    .where("day", "<=", asOf)
    .execute();
  const nps = await k
    .selectFrom("nps_responses")
    .select(["customer_id", "respondent", "day", "score"])
    .where("org_id", "=", orgId)
    .where("customer_id", ">=", first)
    .where("customer_id", "<=", last)
    .where("day", "<=", asOf)
    .orderBy("day")
    .execute();
  const tickets = await k
    .selectFrom("tickets as t")
    .leftJoin("ticket_analyses as a", (j) =>
      j.onRef("a.org_id", "=", "t.org_id").onRef("a.ticket_id", "=", "t.id"),
    )
    .select(["t.customer_id", "t.submitted_at", "a.sentiment", "a.churn_intent"])
    .where("t.org_id", "=", orgId)
    .where("t.customer_id", ">=", first)
    .where("t.customer_id", "<=", last)
    .where("t.submitted_at", ">=", from)
    .where("t.submitted_at", "<", addDays(asOf, 1))
    .execute();
  const stages = await k
    .selectFrom("scores")
    .select(["customer_id", "level"])
    .where("org_id", "=", orgId)
    .where("kind", "=", "lifecycle_stage")
    .where("customer_id", ">=", first)
    .where("customer_id", "<=", last)
    .execute();

  const byId = new Map<string, ScoreInput>();
  for (const c of customers) {
    const tier = c.plan_tier;
    byId.set(c.id, {
      customerId: c.id,
      profile: {
        signupDate: c.signup_date,
        planTier: tier,
        planRank: tier === null ? null : (catalog.ranks.get(tier) ?? null),
        maxPublicRank: catalog.maxPublicRank,
        planLimits: tier === null ? {} : (catalog.limits.get(tier) ?? {}),
        seats: c.seats,
        isTrial: c.is_trial === 1,
        trialEnd: null,
        subscriptionStatus: null,
        endedOn: null,
        billingFrequency: null,
        arr: c.arr,
      },
      metrics: [],
      nps: [],
      tickets: [],
      previousStage: null,
    });
  }
  // The latest-starting subscription that had started by asOf describes the customer.
  for (const s of subs) {
    const input = byId.get(s.customer_id);
    if (!input || s.start_date > asOf) continue;
    const p = input.profile;
    const ended = s.end_date !== null && s.end_date <= asOf ? s.end_date : null;
    p.subscriptionStatus = ended ? "canceled" : statusAsOf(s.status, s.trial_end, s.paused_on, asOf);
    p.endedOn = ended;
    p.trialEnd = s.trial_end;
    // Subscriptions kept by API or events know when the trial ran; imports keep the customer's flag.
    if (s.status !== null) p.isTrial = p.subscriptionStatus === "trialing";
    p.billingFrequency = s.billing_frequency === "annual" ? "annual" : s.billing_frequency ? "monthly" : null;
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
  for (const t of tickets) {
    const input = t.customer_id === null ? undefined : byId.get(t.customer_id);
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
  for (const s of stages) {
    const input = byId.get(s.customer_id);
    if (input) input.previousStage = s.level;
  }
  return ids.map((id) => byId.get(id)).filter((x): x is ScoreInput => x !== undefined);
}
