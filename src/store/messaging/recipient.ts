import type { Db } from "../open-store.ts";
import { mq } from "./tables.ts";

/** What a message to one customer is rendered and addressed with. */
export interface RecipientFacts {
  id: string;
  name: string;
  billingEmail: string | null;
  billingName: string | null;
  planTier: string | null;
  seats: number | null;
  owner: string | null;
  /** traits.phone (E.164), the SMS recipient. */
  phone: string | null;
  consents: Record<string, boolean>;
  orgName: string;
  score: { level: string; score: number | null; topReasons: string[] } | null;
}

function json(s: string | null): Record<string, unknown> {
  if (!s) return {};
  try {
    const v = JSON.parse(s) as unknown;
    return typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

export async function recipientFacts(
  db: Db,
  orgId: number,
  customerId: string,
  scoreKind: string,
): Promise<RecipientFacts | null> {
  const c = await mq(db)
    .selectFrom("customers as c")
    .innerJoin("orgs as o", "o.id", "c.org_id")
    .select([
      "c.id",
      "c.name",
      "c.account_name",
      "c.billing_email",
      "c.billing_name",
      "c.plan_tier",
      "c.seats",
      "c.owner",
      "c.traits",
      "c.consents",
      "o.name as org_name",
    ])
    .where("c.org_id", "=", orgId)
    .where("c.id", "=", customerId)
    .executeTakeFirst();
  if (!c) return null;
  const s = await mq(db)
    .selectFrom("scores")
    .select(["level", "score", "top_reasons"])
    .where("org_id", "=", orgId)
    .where("customer_id", "=", customerId)
    .where("kind", "=", scoreKind)
    .executeTakeFirst();
  const traits = json(c.traits);
  const consents = json(c.consents);
  return {
    id: c.id,
    name: c.name ?? c.account_name ?? c.id,
    billingEmail: c.billing_email,
    billingName: c.billing_name,
    planTier: c.plan_tier,
    seats: c.seats === null ? null : Number(c.seats),
    owner: c.owner,
    phone: typeof traits.phone === "string" && traits.phone !== "" ? traits.phone : null,
    consents: Object.fromEntries(
      Object.entries(consents).filter((e): e is [string, boolean] => typeof e[1] === "boolean"),
    ),
    orgName: c.org_name,
    score: s
      ? {
          level: s.level,
          score: s.score === null ? null : Number(s.score),
          topReasons: s.top_reasons ? (JSON.parse(s.top_reasons) as string[]) : [],
        }
      : null,
  };
}

/** Customers of the org whose billing email is `address` (case-insensitive). */
export async function customersByEmail(db: Db, orgId: number, address: string): Promise<string[]> {
  const rows = await mq(db)
    .selectFrom("customers")
    .select("id")
    .where("org_id", "=", orgId)
    .where((eb) => eb(eb.fn("lower", ["billing_email"]), "=", address.trim().toLowerCase()))
    .execute();
  return rows.map((r) => r.id);
}

/**
 * Sets one channel's consent to false, keeping the others (the contact policy reads
 * `customers.consents`: false is opted out). Returns false when the customer does not exist.
 */
export async function optOutChannel(db: Db, orgId: number, customerId: string, channel: string) {
  const c = await mq(db)
    .selectFrom("customers")
    .select("consents")
    .where("org_id", "=", orgId)
    .where("id", "=", customerId)
    .executeTakeFirst();
  if (!c) return { found: false, changed: false };
  const consents = json(c.consents);
  if (consents[channel] === false) return { found: true, changed: false };
  consents[channel] = false;
  await mq(db)
    .updateTable("customers")
    .set({ consents: JSON.stringify(consents) })
    .where("org_id", "=", orgId)
    .where("id", "=", customerId)
    .execute();
  return { found: true, changed: true };
}
