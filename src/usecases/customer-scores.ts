import type { ScoreKind, ScoreSignal, ScoreView } from "../contracts/scores.ts";
import { HoldfastError } from "../core/errors.ts";
import { addDays, dayOf } from "../core/util/dates.ts";
import { getCustomer } from "../store/customers.ts";
import type { Db } from "../store/open-store.ts";
import { customerScores, lifecycleHistory, scoreTrend } from "../store/score-sets.ts";

async function requireCustomer(db: Db, orgId: number, id: string): Promise<void> {
  if (!(await getCustomer(db, orgId, id))) {
    throw new HoldfastError("not_found", `no customer ${JSON.stringify(id)} in this org`);
  }
}

/** Every current score of a customer, by kind name (one stored shape for every kind). */
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
    out[kind] = {
      kind,
      score: r.score === null ? null : Number(r.score),
      level: r.level,
      as_of: r.as_of,
      computed_at: r.computed_at,
      signals: parsed.signals ?? [],
      ...(parsed.detail ? { detail: parsed.detail } : {}),
    };
  }
  return out;
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
  await requireCustomer(db, orgId, id);
  return (await lifecycleHistory(db, orgId, id)).map((t) => ({
    day: t.day,
    from: t.from_stage,
    to: t.to_stage,
    reason: t.reason,
  }));
}
