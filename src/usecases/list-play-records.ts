import { HoldfastError } from "../core/errors.ts";
import { customerPage } from "../store/plays/context-facts.ts";
import { listDeals } from "../store/plays/deals.ts";
import { type DecisionFilter, listDecisions } from "../store/plays/decisions.ts";
import { listInsights } from "../store/plays/insights.ts";
import { offersOf } from "../store/plays/offers.ts";
import type { UseCaseContext } from "./context.ts";

/** What the plays engine wrote, read back: decisions (keyset paged), offers, deals, insights. */

export async function listPlayDecisions(
  ctx: UseCaseContext,
  orgId: number,
  f: Omit<DecisionFilter, "limit"> & { limit?: number | undefined },
) {
  const limit = f.limit ?? 100;
  const items = await listDecisions(ctx.db, orgId, { ...f, limit: limit + 1 });
  const page = items.slice(0, limit);
  return { items: page, next_cursor: items.length > limit ? String(page.at(-1)!.id) : null };
}

export async function customerOffers(ctx: UseCaseContext, orgId: number, customerId: string) {
  const [c] = await customerPage(ctx.db, orgId, null, 1, [customerId]);
  if (!c) throw new HoldfastError("not_found", `no customer ${customerId} in this org`);
  return offersOf(ctx.db, orgId, [customerId]);
}

export async function listPlayDeals(
  ctx: UseCaseContext,
  orgId: number,
  f: { stage?: string | undefined; limit?: number | undefined } = {},
) {
  return listDeals(ctx.db, orgId, { stage: f.stage, limit: f.limit ?? 1000 });
}

export async function listPlayInsights(ctx: UseCaseContext, orgId: number) {
  return (await listInsights(ctx.db, orgId)).map((i) => ({
    ...i,
    open: i.open === 1,
    figures: JSON.parse(i.figures) as Record<string, number | string>,
  }));
}
