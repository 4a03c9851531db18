import { analyzeBatch } from "../adapters/llm/analyze-batch.ts";
import type { AnalysisCache } from "../adapters/llm/cache.ts";
import type { AnalysisResult, TicketAnalyzer } from "../core/tickets/analysis.ts";
import type { Db } from "../store/open-store.ts";
import { cacheGet, cacheSet, saveAnalyses, ticketsToAnalyze } from "../store/tickets.ts";

export interface AnalyzeRun {
  total: number;
  analyzed: number;
  errors: number;
  timeouts: number;
  cancelled: boolean;
}

/** The org's analysis cache in the store (successful LLM answers by text, model and prompt). */
function storeCache(db: Db, orgId: number, now: () => Date): AnalysisCache {
  return {
    async get(key) {
      const v = await cacheGet(db, orgId, key);
      return v ? (JSON.parse(v) as AnalysisResult) : undefined;
    },
    async set(key, r) {
      await cacheSet(db, orgId, key, JSON.stringify(r), now());
    },
  };
}

/**
 * Analyzes the org's stored tickets that this analyzer version has not analyzed yet (or that
 * failed last time), at most `limit`, and stores every result, errors included.
 */
export async function analyzeStoredTickets(
  db: Db,
  orgId: number,
  analyzer: TicketAnalyzer,
  opts: {
    limit: number;
    concurrency: number;
    now: () => Date;
    signal?: AbortSignal;
    onProgress?: (done: number, total: number) => void;
  },
): Promise<AnalyzeRun> {
  const rows = await ticketsToAnalyze(db, orgId, analyzer.name, analyzer.version, opts.limit);
  const tickets = rows.map((r) => ({ id: r.id, text: `${r.subject ?? ""} ${r.body ?? ""}`.trim() }));
  const results = await analyzeBatch(analyzer, tickets, {
    concurrency: opts.concurrency,
    // The rules analyzer is faster than a cache round trip; only model answers are cached.
    ...(analyzer.name === "rules" ? {} : { cache: storeCache(db, orgId, opts.now) }),
    ...(opts.signal ? { signal: opts.signal } : {}),
    ...(opts.onProgress ? { onProgress: opts.onProgress } : {}),
  });
  const at = opts.now();
  let errors = 0;
  let timeouts = 0;
  await saveAnalyses(
    db,
    orgId,
    [...results].map(([ticketId, r]) => {
      if (!r.ok) {
        errors++;
        if (r.error.startsWith("timeout_after_")) timeouts++;
      }
      return r.ok
        ? { ticketId, analyzer: r.analyzer, version: r.version, analysis: r.analysis, at }
        : { ticketId, analyzer: r.analyzer, version: r.version, error: r.error, at };
    }),
  );
  return {
    total: tickets.length,
    analyzed: results.size - errors,
    errors,
    timeouts,
    cancelled: opts.signal?.aborted ?? false,
  };
}
