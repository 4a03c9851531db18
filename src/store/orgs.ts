import { HoldfastError } from "../core/errors.ts";
import type { Db } from "./open-store.ts";

export interface Org {
  id: number;
  slug: string;
  name: string;
}

const SLUG = /^[a-z0-9][a-z0-9-]{0,62}$/;

export async function findOrg(db: Db, slug: string): Promise<Org | undefined> {
  return db.kysely
    .selectFrom("orgs")
    .select(["id", "slug", "name"])
    .where("slug", "=", slug)
    .executeTakeFirst();
}

export async function listOrgs(db: Db): Promise<Org[]> {
  return db.kysely.selectFrom("orgs").select(["id", "slug", "name"]).orderBy("id").execute();
}

/** Returns the org with this slug, creating it first when it does not exist. */
export async function ensureOrg(db: Db, slug: string, now: Date, name = slug): Promise<Org> {
  if (!SLUG.test(slug)) {
    throw new HoldfastError(
      "invalid_input",
      `org slug ${JSON.stringify(slug)} must be lowercase letters, digits and dashes (1-63)`,
    );
  }
  const found = await findOrg(db, slug);
  if (found) return found;
  await db.kysely
    .insertInto("orgs")
    .values({ slug, name, created_at: now.toISOString() })
    .onConflict((oc) => oc.column("slug").doNothing())
    .execute();
  return (await findOrg(db, slug))!;
}

export async function requireOrg(db: Db, slug: string): Promise<Org> {
  const org = await findOrg(db, slug);
  if (!org)
    throw new HoldfastError("not_found", `no org named ${JSON.stringify(slug)}; import data into it first`);
  return org;
}

const DATA_TABLES = [
  "accounts",
  "customers",
  "subscriptions",
  "plans",
  "usage_daily",
  "tickets",
  "churn_events",
  "scores",
  "score_history",
] as const;

/** Rows the org holds per data table (what an import or scoring run has written). */
export async function countOrgData(
  db: Db,
  orgId: number,
): Promise<Record<(typeof DATA_TABLES)[number], number>> {
  const out = {} as Record<(typeof DATA_TABLES)[number], number>;
  for (const t of DATA_TABLES) {
    const r = await db.kysely
      .selectFrom(t)
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("org_id", "=", orgId)
      .executeTakeFirst();
    out[t] = Number(r?.n ?? 0);
  }
  return out;
}
