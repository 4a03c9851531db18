import type { CanonicalEvent } from "../contracts/events.ts";
import type { HoldfastConfig } from "../core/config.ts";
import { DEMO_PLANS } from "../demo/workspace/plans.ts";
import { simulateWorkspace, type WorkspaceOptions } from "../demo/workspace/simulate.ts";
import { appendAudit } from "../store/audit.ts";
import { upsertCustomer, upsertPlan } from "../store/customer-write.ts";
import type { Db } from "../store/open-store.ts";
import type { Org } from "../store/orgs.ts";
import { analyzeStoredTickets } from "./analyze-tickets.ts";
import { rescoreOrg } from "./early-warning.ts";
import { ingestEventBatch } from "./ingest-events.ts";
import { recomputeOrg } from "./recompute.ts";
import { createTicketAnalyzer } from "./ticket-analyzer.ts";

const BATCH = 10_000;

/**
 * Creates the demo workspace straight from the simulator (no files): the plan catalog, every
 * customer, their events through the same intake as the events API, ticket analysis, and every
 * score as of the last day. Returns counts.
 */
export async function loadDemoWorkspace(
  db: Db,
  org: Org,
  o: WorkspaceOptions,
  deps: { config: HoldfastConfig; now: () => Date; onProgress?: (customers: number) => void },
): Promise<{ customers: number; events: number; seconds: number }> {
  const t0 = performance.now();
  for (const { tier, ...plan } of DEMO_PLANS) await upsertPlan(db, org.id, tier, plan);
  let buffer: CanonicalEvent[] = [];
  let events = 0;
  let customers = 0;
  const flush = async () => {
    if (buffer.length === 0) return;
    // A backfill: the recompute below covers every customer, so no drop checks per batch.
    const r = await ingestEventBatch(db, org.id, buffer, deps.now(), { detectDrops: false });
    if (r.rejected.length > 0)
      throw new Error(`demo events rejected: ${JSON.stringify(r.rejected.slice(0, 3))}`);
    events += r.accepted;
    buffer = [];
  };
  for (const c of simulateWorkspace(o)) {
    const { id, ...body } = c.customer;
    await upsertCustomer(db, org.id, id, body);
    for (const e of c.events) {
      buffer.push(e);
      if (buffer.length === BATCH) await flush();
    }
    if (++customers % 250 === 0) deps.onProgress?.(customers);
  }
  await flush();
  await analyzeStoredTickets(db, org.id, createTicketAnalyzer(deps.config.tickets), {
    limit: Number.MAX_SAFE_INTEGER,
    concurrency: 4,
    now: deps.now,
  });
  await recomputeOrg(db, org.id, o.end, deps.config, deps.now);
  await rescoreOrg(db, org.id, { config: deps.config, actor: "demo", now: deps.now });
  await appendAudit(db, org.id, deps.now(), {
    actor: "demo",
    action: "demo.workspace",
    detail: { customers, events, seed: o.seed, end: o.end, months: o.months },
  });
  return { customers, events, seconds: (performance.now() - t0) / 1000 };
}
