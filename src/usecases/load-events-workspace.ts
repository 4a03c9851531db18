import { EVENT_LIMITS } from "../contracts/events.ts";
import type { HoldfastConfig } from "../core/config.ts";
import { dayOf } from "../core/util/dates.ts";
import { ndjsonChunks, validateEventsWorkspace } from "../ingest/events/import-events-workspace.ts";
import { appendAudit } from "../store/audit.ts";
import { existingCustomerIds, upsertCustomer, upsertPlan } from "../store/customer-write.ts";
import type { Db } from "../store/open-store.ts";
import type { Org } from "../store/orgs.ts";
import { analyzeStoredTickets } from "./analyze-tickets.ts";
import { rescoreOrg } from "./early-warning.ts";
import { ingestEventBatch } from "./ingest-events.ts";
import { recomputeOrg } from "./recompute.ts";
import { createTicketAnalyzer } from "./ticket-analyzer.ts";

export interface WorkspaceLoad {
  plans: number;
  customers: number;
  events: { accepted: number; duplicates: number };
  tickets: number;
  scored: number;
  seconds: number;
}

/**
 * Loads a folder of plans, customers and events (validated whole first: a bad line refuses the
 * load before anything is written), then analyzes the ticket text with the in-process analyzer
 * and computes every score as of `asOf` (default: the clock's day). Re-loading the same folder
 * changes nothing: events are idempotent by id and customers are upserts.
 */
export async function loadEventsWorkspace(
  db: Db,
  org: Org,
  dir: string,
  opts: {
    config: HoldfastConfig;
    now: () => Date;
    actor: string;
    asOf?: string | undefined;
    onProgress?: (phase: string, done: number, total: number) => void;
  },
): Promise<WorkspaceLoad> {
  const t0 = performance.now();
  const ws = await validateEventsWorkspace(dir, opts.now());
  for (const p of ws.plans) {
    const { tier, ...plan } = p;
    await upsertPlan(db, org.id, tier, plan);
  }
  let i = 0;
  // A customer already loaded keeps the subscription state its events built; only its profile
  // fields are updated (so loading the same folder again changes nothing).
  const existing = await existingCustomerIds(
    db,
    org.id,
    ws.customers.map((c) => c.id),
  );
  for (const c of ws.customers) {
    const { id, subscription, ...profile } = c;
    await upsertCustomer(
      db,
      org.id,
      id,
      existing.has(id) || !subscription ? profile : { ...profile, subscription },
    );
    if (++i % 500 === 0) opts.onProgress?.("customers", i, ws.customers.length);
  }
  let accepted = 0;
  let duplicates = 0;
  for await (const chunk of ndjsonChunks(ws.eventsFile, EVENT_LIMITS.maxBatch)) {
    const r = await ingestEventBatch(db, org.id, chunk.text, opts.now());
    accepted += r.accepted;
    duplicates += r.duplicates;
    opts.onProgress?.("events", accepted + duplicates, ws.events);
  }
  const analyzer = createTicketAnalyzer(opts.config.tickets);
  const tickets = await analyzeStoredTickets(db, org.id, analyzer, {
    limit: Number.MAX_SAFE_INTEGER,
    concurrency: 4,
    now: opts.now,
  });
  const asOf = opts.asOf ?? dayOf(opts.now());
  const scored = await recomputeOrg(db, org.id, asOf, opts.config, opts.now, (n) =>
    opts.onProgress?.("scores", n, ws.customers.length),
  );
  await rescoreOrg(db, org.id, { config: opts.config, actor: opts.actor, now: opts.now });
  await appendAudit(db, org.id, opts.now(), {
    actor: opts.actor,
    action: "import.events_workspace",
    detail: { dir, customers: ws.customers.length, accepted, duplicates, as_of: asOf },
  });
  return {
    plans: ws.plans.length,
    customers: ws.customers.length,
    events: { accepted, duplicates },
    tickets: tickets.total,
    scored: scored.customers,
    seconds: (performance.now() - t0) / 1000,
  };
}
