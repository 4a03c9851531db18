import { listTickets as ticketRows } from "../store/tickets.ts";
import type { UseCaseContext } from "./context.ts";

/** Tickets with their analysis and linkage, newest first; `linked: false` lists the unlinked. */
export async function listTickets(
  ctx: UseCaseContext,
  orgId: number,
  f: { linked?: boolean | undefined; churnIntent?: boolean | undefined; limit: number },
) {
  return ticketRows(ctx.db, orgId, f);
}
