import fc from "fast-check";
import { CompiledQuery } from "kysely";
import { expect, it } from "vitest";
import { describeStores } from "../../test/support/stores.ts";
import { type EventEffects, eventEffects } from "../core/events/effects.ts";
import type { CanonicalEvent } from "../core/events/schema.ts";
import { ingestEvents } from "./events.ts";
import type { Db } from "./open-store.ts";
import { withTransaction } from "./transaction.ts";

/**
 * The subscription lifecycle, tickets, NPS, churn events and recompute requests of an event
 * batch, written by the store (core state machine + dialect primitives), against the SQL
 * statements that wrote them before (kept below verbatim as the oracle), over random event
 * sequences: both orgs must end with the same rows.
 */

type Stmt = readonly [sql: string, params: readonly unknown[]];

const RANKS = new Map([
  ["Starter", 1],
  ["Pro", 2],
  ["Max", 3],
]);
const rank = (t: string) => RANKS.get(t);
const RECEIVED = new Date("2026-03-10T12:00:00Z");

/** Two known customers (one with an imported subscription and a canceled one), one unknown. */
async function seed(db: Db, orgId: number, c2Trial: boolean, importedStatus: string | null): Promise<void> {
  const k = db.kysely;
  await k
    .insertInto("customers")
    .values([
      {
        org_id: orgId,
        id: "c1",
        ordinal: 1,
        account_id: "A1",
        plan_tier: "Pro",
        seats: 4,
        is_trial: 0,
        arr: 1200,
        mrr: 100,
      },
      {
        org_id: orgId,
        id: "c2",
        ordinal: 2,
        account_id: "A2",
        plan_tier: null,
        seats: null,
        is_trial: c2Trial ? 1 : 0,
        arr: 0,
        mrr: 0,
      },
    ])
    .execute();
  const sub = {
    org_id: orgId,
    customer_id: "c1",
    account_id: "A1",
    plan_tier: "Pro",
    start_date: "2025-01-01",
    end_date: null,
    seats: 4,
    mrr: 100,
    arr: 1300,
    is_trial: 0,
    upgrade_flag: 0,
    downgrade_flag: 0,
    churn_flag: 0,
    billing_frequency: "annual",
    auto_renew: 1,
    trial_end: null,
    paused_on: null,
  };
  await k
    .insertInto("subscriptions")
    .values([
      { ...sub, id: "S-1", status: importedStatus },
      { ...sub, id: "c1:2026-03-02", status: "canceled", end_date: "2025-06-01", churn_flag: 1 },
    ])
    .execute();
  await k
    .insertInto("tickets")
    .values({
      org_id: orgId,
      id: "T-old",
      account_id: "A1",
      customer_id: "c1",
      submitted_at: "2026-01-01",
      escalated: 0,
    })
    .execute();
}

async function legacyIngest(
  db: Db,
  pg: boolean,
  orgId: number,
  events: readonly CanonicalEvent[],
): Promise<void> {
  const at = RECEIVED.toISOString();
  await withTransaction(db, async (tx) => {
    const run = (text: string, params: readonly unknown[]) =>
      tx.kysely.executeQuery(CompiledQuery.raw(pg ? toPg(text) : text, params as unknown[]));
    for (const e of events) {
      await run(
        "insert into events (org_id, id, customer_id, type, ts, properties, received_at) values (?, ?, ?, ?, ?, ?, ?) on conflict (org_id, id) do nothing",
        [orgId, e.id, e.customer_id, e.type, e.timestamp, JSON.stringify(e.properties), at],
      );
    }
    const fx: EventEffects = eventEffects(events, rank);
    const named = [...new Set(events.map((e) => e.customer_id))];
    const known = new Set(
      (await tx.kysely.selectFrom("customers").select("id").where("org_id", "=", orgId).execute()).map(
        (r) => r.id,
      ),
    );
    const missing = named.filter((id) => !known.has(id));
    const max = await tx.kysely
      .selectFrom("customers")
      .select((eb) => eb.fn.max("ordinal").as("n"))
      .where("org_id", "=", orgId)
      .executeTakeFirst();
    const first = Number(max?.n ?? 0) + 1;
    for (const [text, params] of legacyStatements(orgId, fx, at, missing, first)) await run(text, params);
  });
}

const TABLES = [
  ["customers", ["id"]],
  ["subscriptions", ["id"]],
  ["tickets", ["id"]],
  ["nps_responses", ["customer_id", "respondent", "day"]],
  ["churn_events", ["id"]],
  ["recompute_requests", ["customer_id"]],
] as const;

async function snapshot(db: Db, orgId: number): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const [table, key] of TABLES) {
    let q = db.kysely.selectFrom(table).selectAll().where("org_id", "=", orgId);
    for (const k of key) q = q.orderBy(k as never);
    const rows = await q.execute();
    out[table] = rows.map(({ org_id: _, ...r }) => r);
  }
  return out;
}

const DAYS = ["2026-03-01", "2026-03-02", "2026-03-03"];
const customer = fc.constantFrom("c1", "c2", "c3");
const opt = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined });
const props: fc.Arbitrary<[CanonicalEvent["type"], Record<string, unknown>]> = fc.oneof(
  fc.tuple(
    fc.constant("subscription_created" as const),
    fc.record(
      { plan: opt(fc.constantFrom("Pro", "Max")), mrr: opt(fc.constantFrom(0, 50, 99.5)) },
      { requiredKeys: [] },
    ),
  ),
  fc.tuple(
    fc.constant("subscription_updated" as const),
    fc.record(
      { plan: opt(fc.constantFrom("Starter", "Max")), mrr: opt(fc.constantFrom(10, 75)) },
      { requiredKeys: [] },
    ),
  ),
  fc.tuple(
    fc.constant("subscription_canceled" as const),
    fc.record(
      { reason: opt(fc.constantFrom("budget", "missing_features")), feedback: opt(fc.constant("meh")) },
      { requiredKeys: [] },
    ),
  ),
  fc.tuple(fc.constant("subscription_paused" as const), fc.constant({})),
  fc.tuple(fc.constant("subscription_resumed" as const), fc.constant({})),
  fc.tuple(
    fc.constant("trial_started" as const),
    fc.record({ trial_end: opt(fc.constantFrom("2026-04-01", "2026-04-15")) }, { requiredKeys: [] }),
  ),
  fc.tuple(
    fc.constant("trial_ended" as const),
    fc.record({ converted: opt(fc.boolean()) }, { requiredKeys: [] }),
  ),
  fc.tuple(
    fc.constant("plan_changed" as const),
    fc.record({
      from: fc.constantFrom("Starter", "Pro", "Max"),
      to: fc.constantFrom("Starter", "Pro", "Max", "Custom"),
    }),
  ),
  fc.tuple(fc.constant("invoice_paid" as const), fc.constant({})),
  fc.tuple(fc.constant("invoice_payment_failed" as const), fc.constant({})),
  fc.tuple(
    fc.constant("ticket_opened" as const),
    fc.record(
      {
        ticket_id: opt(fc.constantFrom("T1", "T2")),
        priority: opt(fc.constant("high")),
        escalated: opt(fc.boolean()),
        satisfaction: opt(fc.constantFrom(1, 4)),
      },
      { requiredKeys: [] },
    ),
  ),
  fc.tuple(
    fc.constant("ticket_updated" as const),
    fc.record(
      {
        ticket_id: fc.constantFrom("T1", "T2", "T-old"),
        status: opt(fc.constantFrom("open", "solved", "closed")),
        satisfaction: opt(fc.constantFrom(2, 5)),
        escalated: opt(fc.boolean()),
      },
      { requiredKeys: ["ticket_id"] },
    ),
  ),
  fc.tuple(
    fc.constant("nps_response" as const),
    fc.record(
      {
        score: fc.integer({ min: 0, max: 10 }),
        respondent: opt(fc.constantFrom("a@x", "b@x")),
        comment: opt(fc.constant("ok")),
      },
      { requiredKeys: ["score"] },
    ),
  ),
);
const event = fc.tuple(customer, fc.constantFrom(...DAYS), fc.integer({ min: 0, max: 23 }), props);
const scenario = fc.record({
  events: fc.array(event, { minLength: 1, maxLength: 25 }),
  cuts: fc.array(fc.nat(25), { maxLength: 2 }),
  c2Trial: fc.boolean(),
  importedStatus: fc.constantFrom(null, "active", "trialing", "past_due", "paused"),
});

let runs = 0;
describeStores("event effects against the SQL they replaced", (s) => {
  it("writes the same subscriptions, customers, tickets, NPS, churn events and recompute requests", async () => {
    const db = s.db();
    const pg = s.name === "postgres";
    await fc.assert(
      fc.asyncProperty(scenario, async (sc) => {
        const events: CanonicalEvent[] = sc.events.map(([c, day, hour, [type, properties]], i) => ({
          id: `e${i}`,
          customer_id: c,
          type,
          timestamp: `${day}T${String(hour).padStart(2, "0")}:00:00Z`,
          properties: Object.fromEntries(Object.entries(properties).filter(([, v]) => v !== undefined)),
        }));
        const cuts = [...new Set([0, ...sc.cuts.filter((c) => c < events.length), events.length])].sort(
          (a, b) => a - b,
        );
        const batches = cuts.slice(1).map((end, i) => events.slice(cuts[i], end));
        const a = await s.freshOrg();
        const b = await s.freshOrg();
        runs++;
        for (const org of [a, b]) await seed(db, org.id, sc.c2Trial, sc.importedStatus);
        for (const batch of batches) {
          await ingestEvents(db, a.id, batch, RECEIVED, (f) => eventEffects(f, rank));
          await legacyIngest(db, pg, b.id, batch);
        }
        expect(await snapshot(db, a.id)).toEqual(await snapshot(db, b.id));
      }),
      { numRuns: 40 },
    );
    expect(runs).toBeGreaterThan(0);
  });
});

/** `?` placeholders to PostgreSQL's `$n`. */
function toPg(text: string): string {
  let n = 0;
  return text.replace(/\?/g, () => `$${++n}`);
}

/**
 * The statements that apply a batch's effects other than rollups and usage, in order. One text
 * per kind, so they prepare once.
 */
function* legacyStatements(
  orgId: number,
  fx: EventEffects,
  at: string,
  newCustomers: readonly string[],
  firstOrdinal: number,
): Generator<Stmt> {
  for (const [i, id] of newCustomers.entries()) {
    yield [
      `insert into customers (org_id, id, ordinal, account_id, is_trial, arr, mrr) values (?, ?, ?, ?, 0, 0, 0)
       on conflict (org_id, id) do nothing`,
      [orgId, id, firstOrdinal + i, id],
    ];
  }
  for (const t of fx.tickets) {
    yield [
      `insert into tickets (org_id, id, account_id, customer_id, submitted_at, priority, satisfaction, escalated, subject, body, linked_by)
       select ?, ?, c.account_id, c.id, ?, ?, ?, ?, ?, ?, 'customer_id' from customers c where c.org_id = ? and c.id = ?
       on conflict (org_id, id) do nothing`,
      [
        orgId,
        t.id,
        t.submittedAt,
        t.priority,
        t.satisfaction,
        t.escalated ? 1 : 0,
        t.subject,
        t.body,
        orgId,
        t.customerId,
      ],
    ];
  }
  for (const u of fx.ticketUpdates) {
    yield [
      `update tickets set satisfaction = coalesce(?, satisfaction), escalated = coalesce(?, escalated),
         closed_at = case when ? in ('closed', 'solved', 'resolved') then ? else closed_at end
       where org_id = ? and id = ?`,
      [u.satisfaction, u.escalated === null ? null : u.escalated ? 1 : 0, u.status, u.at, orgId, u.id],
    ];
  }
  for (const n of fx.nps) {
    yield [
      `insert into nps_responses (org_id, customer_id, respondent, day, score, comment) values (?, ?, ?, ?, ?, ?)
       on conflict (org_id, customer_id, respondent, day) do update set score = excluded.score, comment = excluded.comment`,
      [orgId, n.customerId, n.respondent, n.day, n.score, n.comment],
    ];
  }
  const open = "org_id = ? and customer_id = ? and (status is null or status <> 'canceled')";
  for (const ch of fx.changes) {
    const c = ch.customerId;
    switch (ch.kind) {
      case "created":
        yield [
          `insert into subscriptions (org_id, id, customer_id, account_id, plan_tier, start_date, seats, mrr, arr, is_trial,
             upgrade_flag, downgrade_flag, churn_flag, billing_frequency, auto_renew, status)
           select c.org_id, c.id || ':' || ?, c.id, c.account_id, coalesce(?, c.plan_tier, 'unknown'), ?, coalesce(c.seats, 1),
             coalesce(?, c.mrr), coalesce(?, c.mrr) * 12, c.is_trial, 0, 0, 0, 'monthly', 1,
             case when c.is_trial = 1 then 'trialing' else 'active' end
           from customers c where c.org_id = ? and c.id = ?
             and not exists (select 1 from subscriptions s where s.org_id = c.org_id and s.customer_id = c.id and (s.status is null or s.status <> 'canceled'))
           on conflict (org_id, id) do nothing`,
          [ch.day, ch.plan, ch.day, ch.mrr, ch.mrr, orgId, c],
        ];
        yield customerPlan(orgId, c, ch.plan, ch.mrr);
        break;
      case "updated":
        yield [
          `update subscriptions set plan_tier = coalesce(?, plan_tier), mrr = coalesce(?, mrr), arr = coalesce(?, mrr) * 12 where ${open}`,
          [ch.plan, ch.mrr, ch.mrr, orgId, c],
        ];
        yield customerPlan(orgId, c, ch.plan, ch.mrr);
        break;
      case "canceled":
        yield [
          `update subscriptions set status = 'canceled', end_date = ?, churn_flag = 1 where ${open}`,
          [ch.day, orgId, c],
        ];
        yield [
          `insert into churn_events (org_id, id, account_id, churn_date, reason_code, refund_usd, preceding_upgrade,
             preceding_downgrade, is_reactivation, feedback)
           select ?, ?, c.account_id, ?, ?, null, 0, 0, 0, ? from customers c where c.org_id = ? and c.id = ?
           on conflict (org_id, id) do nothing`,
          [orgId, ch.eventId, ch.day, ch.reason, ch.feedback, orgId, c],
        ];
        break;
      case "paused":
        yield [`update subscriptions set status = 'paused', paused_on = ? where ${open}`, [ch.day, orgId, c]];
        break;
      case "resumed":
        yield [`update subscriptions set status = 'active', paused_on = null where ${open}`, [orgId, c]];
        break;
      case "trial_started":
        yield ["update customers set is_trial = 1 where org_id = ? and id = ?", [orgId, c]];
        yield [
          `update subscriptions set status = 'trialing', is_trial = 1, trial_end = coalesce(?, trial_end) where ${open}`,
          [ch.trialEnd, orgId, c],
        ];
        break;
      case "trial_ended":
        yield ["update customers set is_trial = 0 where org_id = ? and id = ?", [orgId, c]];
        yield ch.converted
          ? [
              `update subscriptions set status = 'active', is_trial = 0, trial_end = ? where ${open}`,
              [ch.day, orgId, c],
            ]
          : [
              `update subscriptions set status = 'canceled', end_date = ?, trial_end = ? where ${open}`,
              [ch.day, ch.day, orgId, c],
            ];
        break;
      case "plan_changed":
        yield ["update customers set plan_tier = ? where org_id = ? and id = ?", [ch.to, orgId, c]];
        yield [
          `update subscriptions set plan_tier = ?, upgrade_flag = case when ? = 'up' then 1 else upgrade_flag end,
             downgrade_flag = case when ? = 'down' then 1 else downgrade_flag end where ${open}`,
          [ch.to, ch.direction, ch.direction, orgId, c],
        ];
        break;
      case "payment_failed":
        yield [
          `update subscriptions set status = 'past_due' where ${open} and status = 'active'`,
          [orgId, c],
        ];
        break;
      case "payment_ok":
        yield [
          `update subscriptions set status = 'active' where ${open} and status = 'past_due'`,
          [orgId, c],
        ];
        break;
    }
  }
  for (const c of fx.lifecycleCustomers) {
    yield [
      `insert into recompute_requests (org_id, customer_id, reason, requested_at) values (?, ?, 'lifecycle', ?)
       on conflict (org_id, customer_id) do update set reason = excluded.reason, requested_at = excluded.requested_at`,
      [orgId, c, at],
    ];
  }
}

function customerPlan(orgId: number, customerId: string, plan: string | null, mrr: number | null): Stmt {
  return [
    "update customers set plan_tier = coalesce(?, plan_tier), mrr = coalesce(?, mrr), arr = coalesce(?, mrr) * 12 where org_id = ? and id = ?",
    [plan, mrr, mrr, orgId, customerId],
  ];
}
