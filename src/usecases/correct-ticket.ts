import { HoldfastError } from "../core/errors.ts";
import { TICKET_CATEGORIES } from "../core/tickets/analysis.ts";
import type { TicketCategory } from "../core/tickets/category.ts";
import { appendAudit } from "../store/audit.ts";
import { ticketForCorrection, upsertTicketCorrection } from "../store/ticket-corrections.ts";
import { withTransaction } from "../store/transaction.ts";
import type { UseCaseContext } from "./context.ts";

export interface TicketCorrectionInput {
  category?: TicketCategory | undefined;
  churn_intent?: boolean | undefined;
  note?: string | undefined;
}

/**
 * A CSM says the analysis of a ticket was wrong: the right category and/or churn intent, with a
 * note. Stored beside what the analyzer had said (a later correction replaces the earlier one) and
 * audited in one transaction; the ticket-category classifier trains on it at the next analysis run.
 * Throws not_found for a ticket the org does not have, invalid_input for an empty correction.
 */
export async function correctTicket(
  ctx: UseCaseContext,
  orgId: number,
  ticketId: string,
  input: TicketCorrectionInput,
  opts: { actor: string },
) {
  if (input.category === undefined && input.churn_intent === undefined)
    throw new HoldfastError("invalid_input", "category: give category or churn_intent (or both)");
  if (input.category !== undefined && !(TICKET_CATEGORIES as readonly string[]).includes(input.category))
    throw new HoldfastError(
      "invalid_input",
      `category: expected one of ${TICKET_CATEGORIES.join(", ")} (got ${JSON.stringify(input.category)})`,
    );
  const note = input.note?.trim() || null;
  return withTransaction(ctx.db, async (tx) => {
    const t = await ticketForCorrection(tx, orgId, ticketId);
    if (!t) throw new HoldfastError("not_found", `no ticket ${JSON.stringify(ticketId)} in this org`);
    const at = ctx.now().toISOString();
    const wasChurn = t.churn_intent === null || t.churn_intent === undefined ? null : Number(t.churn_intent);
    const row = {
      org_id: orgId,
      ticket_id: ticketId,
      category: input.category ?? null,
      churn_intent: input.churn_intent === undefined ? null : input.churn_intent ? 1 : 0,
      note,
      was_category: t.category ?? null,
      was_churn_intent: wasChurn,
      analyzer: t.analyzer ?? null,
      corrected_by: opts.actor,
      corrected_at: at,
    };
    await upsertTicketCorrection(tx, row);
    await appendAudit(tx, orgId, ctx.now(), {
      actor: opts.actor,
      action: "ticket.correction",
      subject: ticketId,
      detail: {
        category: row.category,
        churn_intent: input.churn_intent ?? null,
        was_category: row.was_category,
        was_churn_intent: wasChurn === null ? null : wasChurn === 1,
        ...(note ? { note } : {}),
      },
    });
    return {
      ticket_id: ticketId,
      category: row.category as TicketCategory | null,
      churn_intent: input.churn_intent ?? null,
      note,
      was_category: row.was_category,
      was_churn_intent: wasChurn === null ? null : wasChurn === 1,
      corrected_by: opts.actor,
      corrected_at: at,
    };
  });
}
