import { EVENT_LIMITS } from "../core/events/schema.ts";
import { ndjsonChunks, validateEventsWorkspace } from "../ingest/events/import-events-workspace.ts";
import { appendAudit } from "../store/audit.ts";
import { existingCustomerIds, upsertCustomer, upsertPlan } from "../store/customer-write.ts";
import { withTransaction } from "../store/transaction.ts";
import { enqueueHistoryBackfill } from "./backfill-history.ts";
import type { UseCaseContext } from "./context.ts";
import { ensureOrgIn } from "./ensure-org.ts";
import { ingestEventBatch } from "./ingest-events.ts";
import { refreshOrg } from "./refresh-org.ts";

export interface WorkspaceLoad {
  orgId: number;
  plans: number;
  customers: number;
  events: { accepted: number; duplicates: number };
  /** Tickets analyzed by the refresh after the load. */
  tickets: number;
  scored: number;
  asOf: string;
  seconds: number;
}

/**
 * Loads a folder of plans, customers and events (validated whole first: a bad line refuses the
 * load before anything is written) in one transaction, then refreshes the org as of `asOf`
 * (default: the clock's day): ticket text analyzed, every score computed. Re-loading the same
 * folder changes nothing: events are idempotent by id and customers are upserts. An org given by
 * slug that does not exist yet is created in the same transaction (a refused load leaves none).
 */
export async function loadEventsWorkspace(
  ctx: UseCaseContext,
  into: number | { slug: string; name?: string | undefined },
  dir: string,
  opts: {
    actor: string;
    asOf?: string | undefined;
    onProgress?: ((phase: string, done: number, total: number) => void) | undefined;
  },
): Promise<WorkspaceLoad> {
  const t0 = performance.now();
  const ws = await validateEventsWorkspace(dir, ctx.now());
  const { orgId, accepted, duplicates } = await withTransaction(ctx.db, async (tx) => {
    const orgId =
      typeof into === "number"
        ? into
        : (await ensureOrgIn(tx, ctx.now(), into.slug, { name: into.name, actor: opts.actor })).id;
    const txCtx: UseCaseContext = { ...ctx, db: tx };
    for (const p of ws.plans) {
      const { tier, ...plan } = p;
      await upsertPlan(tx, orgId, tier, plan);
    }
    let i = 0;
    // A customer already loaded keeps the subscription state its events built; only its profile
    // fields are updated (so loading the same folder again changes nothing).
    const existing = await existingCustomerIds(
      tx,
      orgId,
      ws.customers.map((c) => c.id),
    );
    for (const c of ws.customers) {
      const { id, subscription, ...profile } = c;
      await upsertCustomer(
        tx,
        orgId,
        id,
        existing.has(id) || !subscription ? profile : { ...profile, subscription },
      );
      if (++i % 500 === 0) opts.onProgress?.("customers", i, ws.customers.length);
    }
    let accepted = 0;
    let duplicates = 0;
    for await (const chunk of ndjsonChunks(ws.eventsFile, EVENT_LIMITS.maxBatch)) {
      // The refresh below covers every customer: nothing to queue.
      const r = await ingestEventBatch(txCtx, orgId, chunk.text, { queue: false });
      accepted += r.accepted;
      duplicates += r.duplicates;
      opts.onProgress?.("events", accepted + duplicates, ws.events);
    }
    await appendAudit(tx, orgId, ctx.now(), {
      actor: opts.actor,
      action: "import.events_workspace",
      detail: { dir, customers: ws.customers.length, accepted, duplicates, as_of: opts.asOf ?? null },
    });
    if (accepted > 0) {
      const key = `events-workspace:${ctx.now().toISOString()}`;
      await enqueueHistoryBackfill(tx, orgId, ctx.now(), key, { asOf: opts.asOf });
    }
    return { orgId, accepted, duplicates };
  });
  const refresh = await refreshOrg(ctx, orgId, "import", {
    asOf: opts.asOf,
    actor: opts.actor,
    onProgress: opts.onProgress,
  });
  return {
    orgId,
    plans: ws.plans.length,
    customers: ws.customers.length,
    events: { accepted, duplicates },
    tickets: refresh.ticketsAnalyzed,
    scored: refresh.customers,
    asOf: refresh.asOf,
    seconds: (performance.now() - t0) / 1000,
  };
}
