import { buildTimeline, parseTimelineCursor, timelinePage } from "../core/customers/timeline.ts";
import { HoldfastError } from "../core/errors.ts";
import { getCustomer } from "../store/customers.ts";
import { timelineFacts } from "../store/timeline.ts";
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
  const entries = buildTimeline(await timelineFacts(ctx.db, orgId, customerId));
  const page = timelinePage(entries, limit, after);
  return {
    items: page.items.map(({ at, kind, title, detail }) => ({ at, kind, title, detail })),
    next: page.next,
  };
}
