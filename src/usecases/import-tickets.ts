import type { CsvSource } from "../ingest/csv/read-csv.ts";
import { readTicketCsv, type TicketLinkCounts } from "../ingest/tickets/import-ticket-csv.ts";
import { appendAudit } from "../store/audit.ts";
import { recordImport } from "../store/imports.ts";
import { loadLinkIndex } from "../store/tickets.ts";
import { withTransaction } from "../store/transaction.ts";
import { writeBatch } from "../store/write-batch.ts";
import type { UseCaseContext } from "./context.ts";
import { type RefreshSummary, refreshOrg } from "./refresh-org.ts";
import { refuseImport } from "./refuse-import.ts";
import { reportAsOf } from "./report-as-of.ts";

export { previewTicketCsv } from "../ingest/tickets/import-ticket-csv.ts";

export interface ImportTicketsSummary {
  importId: number;
  status: "imported" | "unchanged";
  rows: number;
  /** How the columns were picked. */
  preview: string[];
  linked: TicketLinkCounts;
  unlinked: number;
  truncated: number;
  written: number;
  /** The refresh of the linked customers that followed (null: nothing changed or linked). */
  refresh: RefreshSummary | null;
}

/**
 * Imports support tickets with free text (seed 004's ticket CSV), each tied to a customer by
 * customer id, account id or a unique email domain (never guessed). A file with any bad row is
 * refused whole and kept in the history. The tickets, the history entry and the audit entry are
 * written in one transaction; then the linked customers are refreshed (their new ticket text
 * analyzed, their scores recomputed).
 */
export async function importTickets(
  ctx: UseCaseContext,
  orgId: number,
  source: CsvSource,
  opts: { actor: string; sourceLabel: string; refresh?: boolean | undefined },
): Promise<ImportTicketsSummary> {
  const startedAt = ctx.now();
  const links = await loadLinkIndex(ctx.db, orgId);
  // An undated ticket is dated the day the org is scored as of: today for live data, the last day
  // of a historical export (so it counts in the scores' 30-day windows instead of moving the org's
  // as-of to today, when every customer would look idle for months).
  const read = await readTicketCsv(source, links, { today: await reportAsOf(ctx, orgId) });
  if (!read.ok) {
    throw await refuseImport(ctx, orgId, {
      kind: "tickets",
      source: opts.sourceLabel,
      grain: null,
      actor: opts.actor,
      startedAt,
      errors: read.errors,
      errorCount: read.errorCount,
    });
  }
  const { importId, status, written } = await withTransaction(ctx.db, async (tx) => {
    const written = (await writeBatch(tx, orgId, { ticket_texts: read.rows })).ticket_texts ?? 0;
    const status = written === 0 ? ("unchanged" as const) : ("imported" as const);
    const counts = {
      rows: read.rows.length,
      linked: read.linked,
      unlinked: read.unlinked,
      truncated: read.truncated,
      duplicates_skipped: read.duplicatesSkipped,
      written,
    };
    const importId = await recordImport(tx, orgId, {
      kind: "tickets",
      source: opts.sourceLabel,
      grain: null,
      status,
      startedAt,
      finishedAt: ctx.now(),
      counts,
      errorCount: 0,
    });
    await appendAudit(tx, orgId, ctx.now(), {
      actor: opts.actor,
      action: "import.tickets",
      subject: `import:${importId}`,
      detail: counts,
    });
    return { importId, status, written };
  });
  // A ticket linked by account counts for every customer of that account.
  const accounts = new Set(read.accountIds);
  const customers = new Set(read.customerIds);
  for (const [customer, account] of links.customerAccount) if (accounts.has(account)) customers.add(customer);
  const refresh =
    status === "imported" && customers.size > 0 && opts.refresh !== false
      ? await refreshOrg(ctx, orgId, "tickets", { customers: [...customers].sort(), actor: opts.actor })
      : null;
  return {
    importId,
    status,
    rows: read.rows.length,
    preview: read.preview,
    linked: read.linked,
    unlinked: read.unlinked,
    truncated: read.truncated,
    written,
    refresh,
  };
}
