import type { CanonicalEvent } from "../contracts/events.ts";
import type { EventEffects } from "../core/events/effects.ts";
import type { Db } from "./open-store.ts";

type Stmt = readonly [sql: string, params: readonly unknown[]];

/**
 * Stores a batch of validated events and applies what the new ones change, in one transaction:
 * raw events (a repeated id is ignored), daily rollups, feature usage, tickets, NPS answers,
 * subscription and lifecycle changes, and recompute requests. Customers named by an event that
 * the store does not know yet are created (with no plan and zero ARR) so no event is dropped.
 * `effectsOf` is called inside the transaction with only the events that were new.
 * Returns the new events.
 */
export async function ingestEvents(
  db: Db,
  orgId: number,
  events: readonly CanonicalEvent[],
  receivedAt: Date,
  effectsOf: (fresh: readonly CanonicalEvent[]) => EventEffects,
): Promise<{ fresh: CanonicalEvent[]; effects: EventEffects }> {
  const at = receivedAt.toISOString();
  if (db.dialect === "sqlite") {
    const sqlite = db.sqlite!;
    // Synchronous from begin to commit, under Kysely's connection lock: nothing else interleaves.
    return db.kysely.connection().execute(async () => {
      sqlite.exec("begin immediate");
      try {
        const insert = sqlite.prepare(
          "insert into events (org_id, id, customer_id, type, ts, properties, received_at) values (?, ?, ?, ?, ?, ?, ?) on conflict (org_id, id) do nothing",
        );
        const fresh: CanonicalEvent[] = [];
        for (const e of events) {
          const r = insert.run(
            orgId,
            e.id,
            e.customer_id,
            e.type,
            e.timestamp,
            JSON.stringify(e.properties),
            at,
          );
          if (r.changes === 1) fresh.push(e);
        }
        const effects = effectsOf(fresh);
        // Customers the events name that the store does not know yet: one lookup per batch.
        const named = [...new Set(fresh.map((e) => e.customer_id))];
        const known = new Set(
          (
            sqlite
              .prepare("select id from customers where org_id = ? and id in (select value from json_each(?))")
              .all(orgId, JSON.stringify(named)) as { id: string }[]
          ).map((r) => r.id),
        );
        const missing = named.filter((id) => !known.has(id));
        const first =
          missing.length === 0
            ? 0
            : (
                sqlite
                  .prepare("select coalesce(max(ordinal), 0) + 1 as n from customers where org_id = ?")
                  .get(orgId) as { n: number }
              ).n;
        // Rollups and feature usage are most of the writes: one prepared statement each.
        const sum = sqlite.prepare(ROLLUP_SQL.sum);
        const max = sqlite.prepare(ROLLUP_SQL.max);
        for (const c of effects.rollups) {
          (c.agg === "sum" ? sum : max).run(orgId, c.customerId, c.day, c.metric, c.key, c.value);
        }
        const usage = sqlite.prepare(USAGE_SQL);
        for (const u of effects.usage) {
          usage.run(orgId, u.day, u.customerId, u.feature, Math.round(u.uses), u.secs, Math.round(u.errors));
        }
        const cache = new Map<string, ReturnType<typeof sqlite.prepare>>();
        for (const [text, params] of effectStatements(orgId, effects, at, missing, first)) {
          let stmt = cache.get(text);
          if (!stmt) {
            stmt = sqlite.prepare(text);
            cache.set(text, stmt);
          }
          stmt.run(params as unknown[]);
        }
        sqlite.exec("commit");
        return { fresh, effects };
      } catch (e) {
        if (sqlite.inTransaction) sqlite.exec("rollback");
        throw e;
      }
    });
  }

  const client = await db.pgPool!.connect();
  try {
    await client.query("begin");
    const cols = {
      id: [] as string[],
      customer: [] as string[],
      type: [] as string[],
      ts: [] as string[],
      props: [] as string[],
    };
    for (const e of events) {
      cols.id.push(e.id);
      cols.customer.push(e.customer_id);
      cols.type.push(e.type);
      cols.ts.push(e.timestamp);
      cols.props.push(JSON.stringify(e.properties));
    }
    const res = await client.query<{ id: string }>(
      `insert into events (org_id, id, customer_id, type, ts, properties, received_at)
       select $1, u.id, u.customer_id, u.type, u.ts, u.properties, $7
       from unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[]) as u(id, customer_id, type, ts, properties)
       on conflict (org_id, id) do nothing returning id`,
      [orgId, cols.id, cols.customer, cols.type, cols.ts, cols.props, at],
    );
    const newIds = new Set(res.rows.map((r) => r.id));
    const fresh = events.filter((e) => newIds.has(e.id));
    const effects = effectsOf(fresh);
    for (const agg of ["sum", "max"] as const) {
      const cells = effects.rollups.filter((c) => c.agg === agg);
      if (cells.length === 0) continue;
      await client.query(
        `insert into metrics_daily (org_id, customer_id, day, metric, key, value)
         select $1, * from unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::float8[])
         on conflict (org_id, customer_id, day, metric, key) do update set value = ${
           agg === "sum"
             ? "metrics_daily.value + excluded.value"
             : "greatest(metrics_daily.value, excluded.value)"
         }`,
        [
          orgId,
          cells.map((c) => c.customerId),
          cells.map((c) => c.day),
          cells.map((c) => c.metric),
          cells.map((c) => c.key),
          cells.map((c) => c.value),
        ],
      );
    }
    if (effects.usage.length > 0) {
      const u = effects.usage;
      await client.query(
        `insert into usage_daily (org_id, day, customer_id, feature, uses, duration_secs, errors)
         select $1, * from unnest($2::text[], $3::text[], $4::text[], $5::int[], $6::float8[], $7::int[])
         on conflict (org_id, day, customer_id, feature) do update set uses = usage_daily.uses + excluded.uses,
           duration_secs = usage_daily.duration_secs + excluded.duration_secs, errors = usage_daily.errors + excluded.errors`,
        [
          orgId,
          u.map((c) => c.day),
          u.map((c) => c.customerId),
          u.map((c) => c.feature),
          u.map((c) => Math.round(c.uses)),
          u.map((c) => c.secs),
          u.map((c) => Math.round(c.errors)),
        ],
      );
    }
    const named = [...new Set(fresh.map((e) => e.customer_id))];
    const known = await client.query<{ id: string }>(
      "select id from customers where org_id = $1 and id = any($2::text[])",
      [orgId, named],
    );
    const knownIds = new Set(known.rows.map((r) => r.id));
    const missing = named.filter((id) => !knownIds.has(id));
    const first =
      missing.length === 0
        ? 0
        : Number(
            (
              await client.query<{ n: number }>(
                "select coalesce(max(ordinal), 0) + 1 as n from customers where org_id = $1",
                [orgId],
              )
            ).rows[0]!.n,
          );
    for (const [text, params] of effectStatements(orgId, effects, at, missing, first)) {
      await client.query(toPg(text), params as unknown[]);
    }
    await client.query("commit");
    return { fresh, effects };
  } catch (e) {
    await client.query("rollback").catch(() => {});
    throw e;
  } finally {
    client.release();
  }
}

/** SQLite upserts of one rollup cell (summed or kept at its maximum) and one feature-usage cell. */
const ROLLUP_SQL = {
  sum: `insert into metrics_daily (org_id, customer_id, day, metric, key, value) values (?, ?, ?, ?, ?, ?)
    on conflict (org_id, customer_id, day, metric, key) do update set value = metrics_daily.value + excluded.value`,
  max: `insert into metrics_daily (org_id, customer_id, day, metric, key, value) values (?, ?, ?, ?, ?, ?)
    on conflict (org_id, customer_id, day, metric, key) do update set value = max(metrics_daily.value, excluded.value)`,
} as const;
const USAGE_SQL = `insert into usage_daily (org_id, day, customer_id, feature, uses, duration_secs, errors) values (?, ?, ?, ?, ?, ?, ?)
  on conflict (org_id, day, customer_id, feature) do update set uses = usage_daily.uses + excluded.uses,
    duration_secs = usage_daily.duration_secs + excluded.duration_secs, errors = usage_daily.errors + excluded.errors`;

/** `?` placeholders to PostgreSQL's `$n`. */
function toPg(text: string): string {
  let n = 0;
  return text.replace(/\?/g, () => `$${++n}`);
}

/**
 * The statements that apply a batch's effects other than rollups and usage, in order. One text
 * per kind, so they prepare once.
 */
function* effectStatements(
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

/** Plan ranks of the org's catalog (tier -> rank). */
export async function planRanks(db: Db, orgId: number): Promise<Map<string, number>> {
  const rows = await db.kysely
    .selectFrom("plans")
    .select(["tier", "rank"])
    .where("org_id", "=", orgId)
    .execute();
  return new Map(rows.map((r) => [r.tier, r.rank]));
}
