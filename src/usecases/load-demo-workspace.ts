import { HoldfastError } from "../core/errors.ts";
import type { CanonicalEvent } from "../core/events/schema.ts";
import { addDays, dayOf } from "../core/util/dates.ts";
import { DEMO_PLANS } from "../demo/workspace/plans.ts";
import { simulateWorkspace, type WorkspaceOptions } from "../demo/workspace/simulate.ts";
import { appendAudit } from "../store/audit.ts";
import { upsertCustomer, upsertPlan } from "../store/customer-write.ts";
import { withTransaction } from "../store/transaction.ts";
import { enqueueHistoryBackfill } from "./backfill-history.ts";
import type { UseCaseContext } from "./context.ts";
import { ensureOrg } from "./ensure-org.ts";
import { ingestEventBatch } from "./ingest-events.ts";
import { listOrgs } from "./list-orgs.ts";
import { refreshOrg } from "./refresh-org.ts";
import { enqueuePlaysSimulation } from "./simulate-plays.ts";

const BATCH = 10_000;
export const DEMO_ORG = "demo";
/** Days of plays the demo load simulates (the `plays_simulate` job). */
export const DEMO_PLAYS_DAYS = 30;

export interface DemoLoad {
  customers: number;
  events: number;
  scored: number;
  seconds: number;
}

/**
 * Creates the demo workspace straight from the simulator (no files): the plan catalog, every
 * customer and their events through the same intake as the events API, in one transaction;
 * then the org is refreshed as of the last simulated day (ticket analysis, every score).
 */
export async function loadDemoWorkspace(
  ctx: UseCaseContext,
  orgId: number,
  o: WorkspaceOptions,
  opts: { onProgress?: ((customers: number) => void) | undefined } = {},
): Promise<DemoLoad> {
  const t0 = performance.now();
  const { customers, events } = await withTransaction(ctx.db, async (tx) => {
    const txCtx: UseCaseContext = { ...ctx, db: tx };
    for (const { tier, ...plan } of DEMO_PLANS) await upsertPlan(tx, orgId, tier, plan);
    let buffer: CanonicalEvent[] = [];
    let events = 0;
    let customers = 0;
    const flush = async () => {
      if (buffer.length === 0) return;
      // A backfill: the refresh below covers every customer, so no drop checks or queueing.
      const r = await ingestEventBatch(txCtx, orgId, buffer, { detectDrops: false, queue: false });
      if (r.rejected.length > 0)
        throw new Error(`demo events rejected: ${JSON.stringify(r.rejected.slice(0, 3))}`);
      events += r.accepted;
      buffer = [];
    };
    for (const c of simulateWorkspace(o)) {
      const { id, ...body } = c.customer;
      await upsertCustomer(tx, orgId, id, body);
      for (const e of c.events) {
        buffer.push(e);
        if (buffer.length === BATCH) await flush();
      }
      if (++customers % 250 === 0) opts.onProgress?.(customers);
    }
    await flush();
    await appendAudit(tx, orgId, ctx.now(), {
      actor: "demo",
      action: "demo.workspace",
      detail: { customers, events, seed: o.seed, end: o.end, months: o.months },
    });
    // 18 months of events: a worker replays the daily score history and lifecycle transitions.
    await enqueueHistoryBackfill(tx, orgId, ctx.now(), `demo:${o.end}`, { asOf: o.end });
    return { customers, events };
  });
  const refresh = await refreshOrg(ctx, orgId, "demo", { asOf: o.end, actor: "demo" });
  // Every tactic ticked daily over the last 30 days, so the Plays page has counts (a job).
  await enqueuePlaysSimulation(ctx, orgId, { days: DEMO_PLAYS_DAYS, end: o.end }, ctx.now());
  return { customers, events, scored: refresh.customers, seconds: (performance.now() - t0) / 1000 };
}

/**
 * On an empty store (no org yet): creates the demo org and loads a simulated workspace of
 * `customers` customers with 18 months of events ending yesterday. Returns null when the store
 * already has an org.
 */
export async function ensureDemoWorkspace(ctx: UseCaseContext, customers: number): Promise<DemoLoad | null> {
  if ((await listOrgs(ctx)).length > 0) return null;
  if (!Number.isInteger(customers) || customers < 1 || customers > 100_000) {
    throw new HoldfastError(
      "invalid_input",
      `HOLDFAST_DEMO_CUSTOMERS must be a whole number from 1 to 100,000 (got ${customers})`,
    );
  }
  const now = ctx.now();
  ctx.log?.(
    `Empty store: creating the demo workspace (${customers.toLocaleString("en-US")} customers, 18 months of events)...`,
  );
  const org = await ensureOrg(ctx, DEMO_ORG, { name: "Demo workspace", actor: "demo" });
  return loadDemoWorkspace(ctx, org.id, { customers, seed: 42, end: addDays(dayOf(now), -1), months: 18 });
}
