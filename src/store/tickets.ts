import type { Db } from "./open-store.ts";

/** Keys that may tie a ticket to a customer: ids, and email domains that name one customer. */
export interface LinkIndex {
  customerAccount: Map<string, string>;
  accounts: Set<string>;
  domains: Map<string, { customerId: string; accountId: string }>;
}

export async function loadLinkIndex(db: Db, orgId: number): Promise<LinkIndex> {
  const rows = await db.kysely
    .selectFrom("customers")
    .select(["id", "account_id", "billing_email"])
    .where("org_id", "=", orgId)
    .execute();
  const customerAccount = new Map<string, string>();
  const accounts = new Set<string>();
  const domainHits = new Map<string, { customerId: string; accountId: string } | null>();
  for (const r of rows) {
    customerAccount.set(r.id, r.account_id);
    accounts.add(r.account_id);
    const domain = r.billing_email?.split("@")[1]?.toLowerCase();
    if (domain)
      domainHits.set(domain, domainHits.has(domain) ? null : { customerId: r.id, accountId: r.account_id });
  }
  const domains = new Map<string, { customerId: string; accountId: string }>();
  for (const [d, hit] of domainHits) if (hit) domains.set(d, hit); // ambiguous domains link nothing
  const acc = await db.kysely.selectFrom("accounts").select("id").where("org_id", "=", orgId).execute();
  for (const a of acc) accounts.add(a.id);
  return { customerAccount, accounts, domains };
}

/** Tickets with text that this analyzer version has not analyzed yet, oldest first. */
export async function ticketsToAnalyze(
  db: Db,
  orgId: number,
  analyzer: string,
  version: string,
  limit: number,
) {
  return db.kysely
    .selectFrom("tickets as t")
    .leftJoin("ticket_analyses as a", (j) =>
      j.onRef("a.org_id", "=", "t.org_id").onRef("a.ticket_id", "=", "t.id"),
    )
    .where("t.org_id", "=", orgId)
    .where((eb) => eb.or([eb("t.subject", "is not", null), eb("t.body", "is not", null)]))
    .where((eb) =>
      eb.or([
        eb("a.ticket_id", "is", null),
        eb("a.analyzer", "!=", analyzer),
        eb("a.version", "!=", version),
        eb("a.error", "is not", null),
      ]),
    )
    .select(["t.id", "t.subject", "t.body"])
    .orderBy("t.submitted_at")
    .orderBy("t.id")
    .limit(limit)
    .execute();
}

export interface AnalysisRow {
  ticketId: string;
  analyzer: string;
  version: string;
  analysis?: {
    summary: string;
    category: string;
    sentiment: string;
    churn_intent: boolean;
    recommended_action: string;
  };
  error?: string;
  at: Date;
}

export async function saveAnalyses(db: Db, orgId: number, rows: readonly AnalysisRow[]): Promise<void> {
  if (rows.length === 0) return;
  for (let i = 0; i < rows.length; i += 500) {
    const values = rows.slice(i, i + 500).map((r) => ({
      org_id: orgId,
      ticket_id: r.ticketId,
      analyzer: r.analyzer,
      version: r.version,
      summary: r.analysis?.summary ?? null,
      category: r.analysis?.category ?? null,
      sentiment: r.analysis?.sentiment ?? null,
      churn_intent: r.analysis ? (r.analysis.churn_intent ? 1 : 0) : null,
      recommended_action: r.analysis?.recommended_action ?? null,
      error: r.error ?? null,
      analyzed_at: r.at.toISOString(),
    }));
    await db.kysely
      .insertInto("ticket_analyses")
      .values(values)
      .onConflict((oc) =>
        oc.columns(["org_id", "ticket_id"]).doUpdateSet((eb) => ({
          analyzer: eb.ref("excluded.analyzer"),
          version: eb.ref("excluded.version"),
          summary: eb.ref("excluded.summary"),
          category: eb.ref("excluded.category"),
          sentiment: eb.ref("excluded.sentiment"),
          churn_intent: eb.ref("excluded.churn_intent"),
          recommended_action: eb.ref("excluded.recommended_action"),
          error: eb.ref("excluded.error"),
          analyzed_at: eb.ref("excluded.analyzed_at"),
        })),
      )
      .execute();
  }
}

export async function cacheGet(db: Db, orgId: number, key: string): Promise<string | undefined> {
  const r = await db.kysely
    .selectFrom("analysis_cache")
    .select("result")
    .where("org_id", "=", orgId)
    .where("key", "=", key)
    .executeTakeFirst();
  return r?.result;
}

export async function cacheSet(db: Db, orgId: number, key: string, result: string, at: Date): Promise<void> {
  await db.kysely
    .insertInto("analysis_cache")
    .values({ org_id: orgId, key, result, created_at: at.toISOString() })
    .onConflict((oc) => oc.columns(["org_id", "key"]).doUpdateSet({ result, created_at: at.toISOString() }))
    .execute();
}

/** Tickets of one account with their analysis, newest first (for the customer brief). */
export async function accountTickets(db: Db, orgId: number, accountId: string, limit = 20) {
  return db.kysely
    .selectFrom("tickets as t")
    .leftJoin("ticket_analyses as a", (j) =>
      j.onRef("a.org_id", "=", "t.org_id").onRef("a.ticket_id", "=", "t.id"),
    )
    .where("t.org_id", "=", orgId)
    .where("t.account_id", "=", accountId)
    .select([
      "t.id",
      "t.submitted_at",
      "t.subject",
      "t.body",
      "a.summary",
      "a.category",
      "a.sentiment",
      "a.churn_intent",
      "a.recommended_action",
      "a.analyzer",
    ])
    .orderBy("t.submitted_at", "desc")
    .limit(limit)
    .execute();
}

/** Tickets with their analysis, newest first; `linked: false` lists the unlinked ones. */
export async function listTickets(
  db: Db,
  orgId: number,
  f: { linked?: boolean | undefined; churnIntent?: boolean | undefined; limit: number },
) {
  let q = db.kysely
    .selectFrom("tickets as t")
    .leftJoin("ticket_analyses as a", (j) =>
      j.onRef("a.org_id", "=", "t.org_id").onRef("a.ticket_id", "=", "t.id"),
    )
    .where("t.org_id", "=", orgId)
    .select([
      "t.id",
      "t.account_id",
      "t.customer_id",
      "t.linked_by",
      "t.submitted_at",
      "t.subject",
      "t.body",
      "a.summary",
      "a.category",
      "a.sentiment",
      "a.churn_intent",
      "a.recommended_action",
      "a.error",
      "a.analyzer",
    ]);
  if (f.linked !== undefined) q = q.where("t.account_id", f.linked ? "is not" : "is", null);
  if (f.churnIntent !== undefined) q = q.where("a.churn_intent", "=", f.churnIntent ? 1 : 0);
  const rows = await q.orderBy("t.submitted_at", "desc").orderBy("t.id").limit(f.limit).execute();
  return rows.map((r) => ({
    id: r.id,
    account_id: r.account_id,
    customer_id: r.customer_id,
    linked_by: r.linked_by,
    submitted_at: r.submitted_at,
    subject: r.subject,
    body: r.body,
    analysis: r.analyzer
      ? {
          summary: r.summary,
          category: r.category,
          sentiment: r.sentiment,
          churn_intent: r.churn_intent === null ? null : Number(r.churn_intent) === 1,
          recommended_action: r.recommended_action,
          error: r.error,
          analyzer: r.analyzer,
        }
      : null,
  }));
}
