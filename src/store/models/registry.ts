import type { Db } from "../open-store.ts";
import { type ModelTable, q } from "./tables.ts";

export type { ModelTable } from "./tables.ts";
export type ModelRow = ModelTable;
/** A registry row without the (large) model and calibrator JSON. */
export type ModelSummaryRow = Omit<ModelTable, "model" | "calibrator">;

const SUMMARY = [
  "org_id",
  "id",
  "kind",
  "version",
  "status",
  "status_reason",
  "learner",
  "window_from",
  "window_to",
  "horizon_days",
  "features",
  "params",
  "metrics",
  "training_ms",
  "size_bytes",
  "created_at",
  "created_by",
  "promoted_at",
  "promoted_by",
] as const;

/** Inserts a new model version (id and version the next ones of the org and kind). */
export async function insertModel(
  db: Db,
  orgId: number,
  row: Omit<ModelTable, "org_id" | "id" | "version">,
): Promise<{ id: number; version: number }> {
  const k = q(db);
  const ids = await k
    .selectFrom("models")
    .select((eb) => eb.fn.max("id").as("id"))
    .where("org_id", "=", orgId)
    .executeTakeFirst();
  const versions = await k
    .selectFrom("models")
    .select((eb) => eb.fn.max("version").as("version"))
    .where("org_id", "=", orgId)
    .where("kind", "=", row.kind)
    .executeTakeFirst();
  const id = Number(ids?.id ?? 0) + 1;
  const version = Number(versions?.version ?? 0) + 1;
  await k
    .insertInto("models")
    .values({ ...row, org_id: orgId, id, version })
    .execute();
  return { id, version };
}

export async function listModels(
  db: Db,
  orgId: number,
  opts: { kind?: string | undefined; limit?: number | undefined } = {},
): Promise<ModelSummaryRow[]> {
  let s = q(db).selectFrom("models").select(SUMMARY).where("org_id", "=", orgId);
  if (opts.kind) s = s.where("kind", "=", opts.kind);
  const rows = await s
    .orderBy("id", "desc")
    .limit(opts.limit ?? 50)
    .execute();
  return rows.map(numeric);
}

export async function getModel(db: Db, orgId: number, id: number): Promise<ModelRow | undefined> {
  const row = await q(db)
    .selectFrom("models")
    .selectAll()
    .where("org_id", "=", orgId)
    .where("id", "=", id)
    .executeTakeFirst();
  return row ? numeric(row) : undefined;
}

/** The promoted model of a kind, if any (with its model JSON). */
export async function promotedModel(db: Db, orgId: number, kind: string): Promise<ModelRow | undefined> {
  const row = await q(db)
    .selectFrom("models")
    .selectAll()
    .where("org_id", "=", orgId)
    .where("kind", "=", kind)
    .where("status", "=", "promoted")
    .orderBy("id", "desc")
    .executeTakeFirst();
  return row ? numeric(row) : undefined;
}

/** Makes `id` the promoted model of its kind; the one promoted before is retired (say why). */
export async function setPromoted(
  db: Db,
  orgId: number,
  m: { id: number; kind: string; reason: string; at: string; by: string },
): Promise<number[]> {
  const k = q(db);
  const before = await k
    .selectFrom("models")
    .select("id")
    .where("org_id", "=", orgId)
    .where("kind", "=", m.kind)
    .where("status", "=", "promoted")
    .where("id", "<>", m.id)
    .execute();
  if (before.length > 0)
    await k
      .updateTable("models")
      .set({ status: "retired", status_reason: `Replaced by model ${m.id}` })
      .where("org_id", "=", orgId)
      .where("kind", "=", m.kind)
      .where("status", "=", "promoted")
      .where("id", "<>", m.id)
      .execute();
  await k
    .updateTable("models")
    .set({ status: "promoted", status_reason: m.reason, promoted_at: m.at, promoted_by: m.by })
    .where("org_id", "=", orgId)
    .where("id", "=", m.id)
    .execute();
  return before.map((r) => Number(r.id));
}

/** PostgreSQL hands integers of aggregates as strings; keep numbers numbers. */
function numeric<T extends { id: number; version: number; training_ms: number; size_bytes: number }>(
  r: T,
): T {
  return {
    ...r,
    id: Number(r.id),
    version: Number(r.version),
    training_ms: Number(r.training_ms),
    size_bytes: Number(r.size_bytes),
    horizon_days: Number((r as { horizon_days?: number }).horizon_days),
  };
}
