import { METRICS, type Metric } from "./metrics.ts";
import type { CanonicalEvent } from "./schema.ts";

/** What a batch of new events changes, as data; the store applies it in one transaction. */
export interface EventEffects {
  /** Unique per (customer, day, metric, key); `sum` cells add to what is stored, `max` keep the larger. */
  rollups: RollupCell[];
  /** Feature use per (day, customer, feature), added to usage_daily (the early-warning usage window). */
  usage: UsageCell[];
  tickets: TicketFromEvent[];
  ticketUpdates: TicketUpdate[];
  nps: { customerId: string; respondent: string; day: string; score: number; comment: string | null }[];
  /** Billing and lifecycle changes in timestamp order. */
  changes: SubscriptionChange[];
  /** Customers whose lifecycle may have changed (recompute at once). */
  lifecycleCustomers: Set<string>;
}

export interface RollupCell {
  customerId: string;
  day: string;
  metric: Metric;
  key: string;
  value: number;
  agg: "sum" | "max";
}

export interface UsageCell {
  day: string;
  customerId: string;
  feature: string;
  uses: number;
  secs: number;
  errors: number;
}

export interface TicketFromEvent {
  id: string;
  customerId: string;
  submittedAt: string;
  subject: string | null;
  body: string | null;
  priority: string | null;
  satisfaction: number | null;
  escalated: boolean;
}

export interface TicketUpdate {
  id: string;
  at: string;
  status: string | null;
  satisfaction: number | null;
  escalated: boolean | null;
}

export type SubscriptionChange =
  | {
      kind: "created";
      customerId: string;
      day: string;
      plan: string | null;
      mrr: number | null;
      eventId?: string;
    }
  | {
      kind: "updated";
      customerId: string;
      day: string;
      plan: string | null;
      mrr: number | null;
      eventId?: string;
    }
  | {
      kind: "canceled";
      customerId: string;
      day: string;
      eventId: string;
      reason: string | null;
      feedback: string | null;
    }
  | { kind: "paused"; customerId: string; day: string }
  | { kind: "resumed"; customerId: string; day: string }
  | { kind: "trial_started"; customerId: string; day: string; trialEnd: string | null }
  | { kind: "trial_ended"; customerId: string; day: string; converted: boolean; eventId?: string }
  | {
      kind: "plan_changed";
      customerId: string;
      day: string;
      from: string;
      to: string;
      direction: "up" | "down" | "same";
    }
  | { kind: "payment_failed"; customerId: string; day: string }
  | { kind: "payment_ok"; customerId: string; day: string };

const str = (v: unknown): string | null => (typeof v === "string" ? v : null);
const num = (v: unknown): number | null => (typeof v === "number" && Number.isFinite(v) ? v : null);

/**
 * The rollups and side effects of events that were not stored before. Days are the UTC calendar
 * day of the timestamp. `planRank` orders the catalog so a plan change is an upgrade or downgrade.
 */
export function eventEffects(
  events: readonly CanonicalEvent[],
  planRank: (tier: string) => number | undefined,
): EventEffects {
  const cells = new Map<string, RollupCell>();
  const usage = new Map<string, UsageCell>();
  const out: EventEffects = {
    rollups: [],
    usage: [],
    tickets: [],
    ticketUpdates: [],
    nps: [],
    changes: [],
    lifecycleCustomers: new Set(),
  };

  function add(customerId: string, day: string, metric: Metric, key: string, value: number): void {
    const id = `${customerId}\u0000${day}\u0000${metric}\u0000${key}`;
    const agg = METRICS[metric];
    const cell = cells.get(id);
    if (!cell) cells.set(id, { customerId, day, metric, key, value, agg });
    else cell.value = agg === "sum" ? cell.value + value : Math.max(cell.value, value);
  }

  const sorted = [...events].sort((a, b) =>
    a.timestamp < b.timestamp ? -1 : a.timestamp > b.timestamp ? 1 : 0,
  );
  for (const e of sorted) {
    const c = e.customer_id;
    const day = utcDay(e.timestamp);
    const p = e.properties;
    switch (e.type) {
      case "session_start":
        add(c, day, "sessions", "", 1);
        break;
      case "feature_used": {
        const feature = String(p.feature);
        const count = num(p.count) ?? 1;
        const secs = num(p.duration_secs) ?? 0;
        const errors = num(p.errors) ?? 0;
        add(c, day, "feature_uses", feature, count);
        if (typeof p.category === "string") add(c, day, "category_uses", p.category, count);
        if (secs > 0) add(c, day, "usage_secs", "", secs);
        if (errors > 0) add(c, day, "errors", "", errors);
        const uid = `${day}\u0000${c}\u0000${feature}`;
        const u = usage.get(uid);
        if (!u) usage.set(uid, { day, customerId: c, feature, uses: count, secs, errors });
        else {
          u.uses += count;
          u.secs += secs;
          u.errors += errors;
        }
        break;
      }
      case "api_calls":
        add(c, day, "api_calls", "", num(p.count) ?? 0);
        break;
      case "page_view":
        add(c, day, "page_views", String(p.page), 1);
        break;
      case "integration_connected":
        add(c, day, "integrations_connected", str(p.integration) ?? "unnamed", 1);
        break;
      case "usage_metered":
        add(c, day, "meter_value", String(p.meter), num(p.value) ?? 0);
        if (num(p.limit) !== null) add(c, day, "meter_limit", String(p.meter), num(p.limit) as number);
        break;
      case "ticket_opened":
        add(c, day, "tickets_opened", "", 1);
        out.tickets.push({
          id: str(p.ticket_id) ?? e.id,
          customerId: c,
          submittedAt: e.timestamp,
          subject: str(p.subject),
          body: str(p.body) ?? str(p.text),
          priority: str(p.priority),
          satisfaction: num(p.satisfaction),
          escalated: p.escalated === true,
        });
        break;
      case "ticket_updated":
        out.ticketUpdates.push({
          id: String(p.ticket_id),
          at: e.timestamp,
          status: str(p.status),
          satisfaction: num(p.satisfaction),
          escalated: typeof p.escalated === "boolean" ? p.escalated : null,
        });
        break;
      case "nps_response":
        add(c, day, "nps_responses", "", 1);
        out.nps.push({
          customerId: c,
          respondent: str(p.respondent) ?? c,
          day,
          score: num(p.score) as number,
          comment: str(p.comment),
        });
        break;
      case "invoice_paid":
        add(c, day, "invoices_paid", "", 1);
        out.changes.push({ kind: "payment_ok", customerId: c, day });
        break;
      case "invoice_payment_failed":
        add(c, day, "payments_failed", "", 1);
        out.changes.push({ kind: "payment_failed", customerId: c, day });
        out.lifecycleCustomers.add(c);
        break;
      case "subscription_created":
      case "subscription_updated":
        out.changes.push({
          kind: e.type === "subscription_created" ? "created" : "updated",
          customerId: c,
          day,
          plan: str(p.plan),
          mrr: num(p.mrr),
          eventId: e.id,
        });
        out.lifecycleCustomers.add(c);
        break;
      case "subscription_canceled":
        out.changes.push({
          kind: "canceled",
          customerId: c,
          day,
          eventId: e.id,
          reason: str(p.reason),
          feedback: str(p.feedback),
        });
        out.lifecycleCustomers.add(c);
        break;
      case "subscription_paused":
        out.changes.push({ kind: "paused", customerId: c, day });
        out.lifecycleCustomers.add(c);
        break;
      case "subscription_resumed":
        out.changes.push({ kind: "resumed", customerId: c, day });
        out.lifecycleCustomers.add(c);
        break;
      case "trial_started":
        out.changes.push({ kind: "trial_started", customerId: c, day, trialEnd: str(p.trial_end) });
        out.lifecycleCustomers.add(c);
        break;
      case "trial_ended":
        out.changes.push({
          kind: "trial_ended",
          customerId: c,
          day,
          converted: p.converted === true,
          eventId: e.id,
        });
        out.lifecycleCustomers.add(c);
        break;
      case "plan_changed": {
        const from = String(p.from);
        const to = String(p.to);
        const rf = planRank(from);
        const rt = planRank(to);
        const direction =
          rf === undefined || rt === undefined || rf === rt ? "same" : rt > rf ? "up" : "down";
        if (direction === "up") add(c, day, "upgrades", "", 1);
        if (direction === "down") add(c, day, "downgrades", "", 1);
        out.changes.push({ kind: "plan_changed", customerId: c, day, from, to, direction });
        out.lifecycleCustomers.add(c);
        break;
      }
      case "offer_seen":
        add(c, day, "offers_seen", String(p.offer_id), 1);
        break;
      case "offer_dismissed":
        add(c, day, "offers_dismissed", String(p.offer_id), 1);
        break;
      case "offer_accepted":
        add(c, day, "offers_accepted", String(p.offer_id), 1);
        break;
    }
  }
  out.rollups = [...cells.values()];
  out.usage = [...usage.values()];
  return out;
}

/** The UTC calendar day of an ISO 8601 timestamp (with any offset). */
export function utcDay(timestamp: string): string {
  // Fast path: already UTC ("...Z"), the common case for producers.
  if (timestamp.endsWith("Z")) return timestamp.slice(0, 10);
  return new Date(timestamp).toISOString().slice(0, 10);
}
