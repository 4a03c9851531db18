import type { ScoreKind, ScoreSignal, ScoreView } from "../contracts/scores.ts";
import type { HoldfastConfig } from "../core/config.ts";
import { HoldfastError } from "../core/errors.ts";
import { addDays, dayOf } from "../core/util/dates.ts";
import { getCustomer } from "../store/customers.ts";
import type { Db } from "../store/open-store.ts";
import { customerScores, lifecycleHistory, scoreTrend } from "../store/score-sets.ts";
import { recomputeCustomers } from "./recompute.ts";

async function requireCustomer(db: Db, orgId: number, id: string): Promise<void> {
  if (!(await getCustomer(db, orgId, id))) {
    throw new HoldfastError("not_found", `no customer ${JSON.stringify(id)} in this org`);
  }
}

type Reason = { rule: string; kind: string; points: number; text: string };

/** Every current score of a customer, by kind name. */
export async function scoreViews(
  db: Db,
  orgId: number,
  id: string,
): Promise<Partial<Record<ScoreKind, ScoreView>>> {
  const out: Partial<Record<ScoreKind, ScoreView>> = {};
  for (const r of await customerScores(db, orgId, id)) {
    const kind = r.kind as ScoreKind;
    const parsed = JSON.parse(r.signals) as {
      signals?: ScoreSignal[];
      detail?: Record<string, unknown> | null;
    };
    let signals: ScoreSignal[];
    if (kind === "early_warning") {
      // Seed 004's rules keep their inputs as signals and the fired rules as reasons.
      const full = (await customerScoreReasons(db, orgId, id)) ?? [];
      signals = full.map((x) => ({ name: x.rule, value: x.points, effect: x.points, text: x.text }));
    } else signals = parsed.signals ?? [];
    out[kind] = {
      kind,
      score: r.score === null ? null : Number(r.score),
      level: r.level,
      as_of: r.as_of,
      computed_at: r.computed_at,
      signals,
      ...(parsed.detail ? { detail: parsed.detail } : {}),
    };
  }
  return out;
}

async function customerScoreReasons(db: Db, orgId: number, id: string): Promise<Reason[] | null> {
  const c = await getCustomer(db, orgId, id);
  return c?.reasons ? (JSON.parse(c.reasons) as Reason[]) : null;
}

export async function customerTrend(
  db: Db,
  orgId: number,
  id: string,
  kind: ScoreKind,
  days: number,
  now: Date,
) {
  await requireCustomer(db, orgId, id);
  const rows = await scoreTrend(db, orgId, id, kind, addDays(dayOf(now), -(days - 1)));
  return {
    kind,
    points: rows.map((r) => ({
      day: r.day,
      score: r.score === null ? null : Number(r.score),
      level: r.level,
    })),
  };
}

export async function customerLifecycle(db: Db, orgId: number, id: string) {
  return (await lifecycleHistory(db, orgId, id)).map((t) => ({
    day: t.day,
    from: t.from_stage,
    to: t.to_stage,
    reason: t.reason,
  }));
}

/** POST /v1/customers/:id/recompute: every score kind of one customer, as of the clock's day. */
export async function recomputeOne(
  db: Db,
  orgId: number,
  id: string,
  config: HoldfastConfig,
  now: () => Date,
) {
  await requireCustomer(db, orgId, id);
  const asOf = dayOf(now());
  await recomputeCustomers(db, orgId, [id], asOf, config, now);
  return { customer_id: id, as_of: asOf, scores: await scoreViews(db, orgId, id) };
}
