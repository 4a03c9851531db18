import type { TicketsConfig } from "../core/tickets/config.ts";
import { appendAudit } from "../store/audit.ts";
import type { AnalyzeRun } from "./analyze-tickets.ts";
import { analyzeStoredTickets } from "./analyze-tickets.ts";
import type { UseCaseContext } from "./context.ts";
import { type RefreshSummary, refreshOrg } from "./refresh-org.ts";
import { ticketAnalyzerFor, trainTicketClassifier } from "./ticket-classifier.ts";

export interface TicketAnalysisResult extends AnalyzeRun {
  analyzer: string;
  version: string;
  seconds: number;
  /** The refresh that followed (every score of the org, with the new analyses). */
  refresh: RefreshSummary;
  /** The ticket-category classifier's cross-validation (rules analyzer only). */
  classifier?: { rules: number; classifier: number; blend: number; useBlend: boolean } | undefined;
}

/**
 * Analyzes the org's stored tickets this analyzer version has not analyzed yet (at most
 * `tickets.batchLimit`, cancellable; every result is stored as it comes, so a cancelled run
 * keeps what it did), audits the run, then refreshes the org so the scores see the analyses.
 */
export async function runTicketAnalysis(
  ctx: UseCaseContext,
  orgId: number,
  tickets: TicketsConfig,
  opts: {
    actor: string;
    signal?: AbortSignal | undefined;
    onProgress?: ((done: number, total: number) => void) | undefined;
  },
): Promise<TicketAnalysisResult> {
  const t0 = performance.now();
  // The rules: the classifier trains first (labeled set + corrections), so corrections count now.
  const classifier =
    tickets.analyzer === "rules" ? await trainTicketClassifier(ctx, orgId, { actor: opts.actor }) : undefined;
  const analyzer = await ticketAnalyzerFor(ctx, orgId, tickets);
  const run = await analyzeStoredTickets(ctx.db, orgId, analyzer, {
    limit: tickets.batchLimit,
    concurrency: tickets.concurrency,
    now: ctx.now,
    ...(opts.signal ? { signal: opts.signal } : {}),
    ...(opts.onProgress ? { onProgress: opts.onProgress } : {}),
  });
  const seconds = (performance.now() - t0) / 1000;
  await appendAudit(ctx.db, orgId, ctx.now(), {
    actor: opts.actor,
    action: "tickets.analyze",
    detail: { analyzer: analyzer.name, version: analyzer.version, ...run },
  });
  const refresh = await refreshOrg(ctx, orgId, "tickets", { actor: opts.actor, analyzeTickets: false });
  return {
    ...run,
    analyzer: analyzer.name,
    version: analyzer.version,
    seconds,
    refresh,
    ...(classifier ? { classifier: { ...classifier.overall, useBlend: classifier.useBlend } } : {}),
  };
}
