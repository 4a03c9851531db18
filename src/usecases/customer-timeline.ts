import { buildTimeline, parseTimelineCursor, timelinePage } from "../core/customers/timeline.ts";
import { buildDeliveryTimeline } from "../core/delivery/timeline.ts";
import { HoldfastError } from "../core/errors.ts";
import { buildPlayTimeline, mergeNewestFirst } from "../core/plays/timeline.ts";
import { getCustomer } from "../store/customers.ts";
import { customerDeliveryFacts } from "../store/delivery/outbox-list.ts";
import { playTimelineFacts } from "../store/plays/timeline-facts.ts";
import { TIMELINE_SOURCE_CAP, timelineFacts } from "../store/timeline.ts";
import type { UseCaseContext } from "./context.ts";

export const MAX_TIMELINE_PAGE = 200;

/**
 * One customer's timeline, newest first, a page at a time: score crossings and level changes,
 * lifecycle transitions, tickets, NPS answers, outcomes, checklist ticks, profile writes and the
 * org's imports. The cursor is a keyset (time, entry), so entries added meanwhile never shift a page.
 */
export async function customerTimeline(
  ctx: UseCaseContext,
  orgId: number,
  customerId: string,
  opts: { limit?: number | undefined; cursor?: string | undefined } = {},
) {
  const limit = opts.limit ?? 50;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_TIMELINE_PAGE) {
    throw new HoldfastError(
      "invalid_input",
      `limit must be a whole number from 1 to ${MAX_TIMELINE_PAGE} (got ${limit})`,
    );
  }
  const after = opts.cursor === undefined ? null : parseTimelineCursor(opts.cursor);
  if (opts.cursor !== undefined && after === null) {
    throw new HoldfastError("invalid_input", "cursor is not a timeline cursor (pass the `next` of a page)");
  }
  if (!(await getCustomer(ctx.db, orgId, customerId))) {
    throw new HoldfastError("not_found", `no customer ${JSON.stringify(customerId)} in this org`);
  }
  const entries = mergeNewestFirst(
    buildTimeline(await timelineFacts(ctx.db, orgId, customerId)),
    mergeNewestFirst(
      buildPlayTimeline(await playTimelineFacts(ctx.db, orgId, customerId, TIMELINE_SOURCE_CAP)),
      buildDeliveryTimeline(await customerDeliveryFacts(ctx.db, orgId, customerId, TIMELINE_SOURCE_CAP)),
    ),
  );
  const page = timelinePage(entries, limit, after);
  return {
    items: page.items.map(({ at, kind, title, detail, key }) => ({ id: key, at, kind, title, detail })),
    next: page.next,
  };
}
