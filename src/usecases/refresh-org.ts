import { appendAudit } from "../store/audit.ts";
import { analyzeStoredTickets } from "./analyze-tickets.ts";
import type { UseCaseContext } from "./context.ts";
import { orgConfig } from "./org-config.ts";
import { snapshotBookReports } from "./read-reports.ts";
import { recomputeScores } from "./recompute.ts";
import { refreshRenewalDates } from "./refresh-renewal-dates.ts";
import { reportAsOf } from "./report-as-of.ts";
import { ticketAnalyzerFor } from "./ticket-classifier.ts";

/** Why a refresh ran: recorded on the score changes it produces and in the audit log. */
export type RefreshCause = "import" | "events" | "tickets" | "config" | "manual" | "daily" | "demo";

export interface RefreshOptions {
  /**
   * The customers whose inputs changed; all of the org's when left out. A change to an
   * account-level fact (a ticket: early warning's ticket window is per account) lists every
   * customer of the account (the ticket import and the events intake do).
   */
  customers?: readonly string[] | undefined;
  /** The day scores are computed as of (default: the clock's day). */
  asOf?: string | undefined;
  actor?: string | undefined;
  /** Analyze tickets the configured analyzer has not seen (default true; model analyzers run as a job). */
  analyzeTickets?: boolean | undefined;
  onProgress?: ((phase: string, done: number, total: number) => void) | undefined;
}

export interface RefreshSummary {
  cause: RefreshCause;
  asOf: string;
  customers: number;
  /** Score changes recorded (level changes, thresholds crossed, first scores after the baseline). */
  changes: number;
  ticketsAnalyzed: number;
  configVersion: number;
  ms: number;
}

/**
 * The one step after any data change: analyze new tickets, recompute every score kind of the
 * affected customers (all when unknown) with each customer's status, snapshot the reports (the
 * live book by the headline score, and the lost business), record score changes.
 */
export async function refreshOrg(
  ctx: UseCaseContext,
  orgId: number,
  cause: RefreshCause,
  opts: RefreshOptions = {},
): Promise<RefreshSummary> {
  const started = performance.now();
  const { config, version } = await orgConfig(ctx, orgId);
  // Historical data (a RavenStack export) is scored as of its last day, not as of today, when
  // every customer would look idle for months.
  const asOf = opts.asOf ?? (await reportAsOf(ctx, orgId));
  let ticketsAnalyzed = 0;
  if (opts.analyzeTickets !== false && config.tickets.analyzer === "rules") {
    const run = await analyzeStoredTickets(
      ctx.db,
      orgId,
      await ticketAnalyzerFor(ctx, orgId, config.tickets),
      {
        limit: config.tickets.batchLimit,
        concurrency: config.tickets.concurrency,
        now: ctx.now,
        onProgress: (done, total) => opts.onProgress?.("tickets", done, total),
      },
    );
    ticketsAnalyzed = run.analyzed;
  }
  const listed = opts.customers;
  const scored = await recomputeScores(ctx, orgId, {
    asOf,
    customers: listed,
    config,
    configVersion: version,
    cause,
    onProgress: (n) => opts.onProgress?.("scores", n, n),
  });
  await snapshotBookReports(ctx, orgId, config, asOf);
  await refreshRenewalDates(ctx.db, orgId, asOf, listed);
  const summary: RefreshSummary = {
    cause,
    asOf,
    customers: scored.customers,
    changes: scored.changes,
    ticketsAnalyzed,
    configVersion: version,
    ms: Math.round(performance.now() - started),
  };
  await appendAudit(ctx.db, orgId, ctx.now(), {
    actor: opts.actor ?? cause,
    action: "scores.refresh",
    detail: { ...summary, windows: scored.windows, all: listed === undefined },
  });
  return summary;
}
