import type { AnalysisResult, TicketAnalyzer } from "../../core/tickets/analysis.ts";
import { type AnalysisCache, cacheKey } from "./cache.ts";

export type TicketText = { id: string; text: string };

export type AnalyzeBatchOptions = {
  /** Most calls in flight at once. */
  concurrency: number;
  /** Cancels the batch: no new ticket starts and calls in flight are aborted. */
  signal?: AbortSignal;
  cache?: AnalysisCache;
  /** After each ticket that gets a result (cache hits included). */
  onProgress?: (done: number, total: number) => void;
};

/**
 * Analyzes tickets with at most `concurrency` calls at once. A ticket that times out or fails gets
 * its `{ ok: false }` result and the rest go on. On abort, the results so far are returned;
 * tickets not started, or cut off by the abort, have no entry (they are not failures to store).
 * Identical texts are analyzed once per batch.
 */
export async function analyzeBatch(
  analyzer: TicketAnalyzer,
  tickets: readonly TicketText[],
  opts: AnalyzeBatchOptions,
): Promise<Map<string, AnalysisResult>> {
  const { concurrency, signal, cache, onProgress } = opts;
  if (!Number.isInteger(concurrency) || concurrency < 1) {
    throw new RangeError(`analyzeBatch: concurrency must be a positive integer, got ${concurrency}`);
  }
  const results = new Map<string, AnalysisResult>();
  const byText = new Map<string, Promise<AnalysisResult>>();
  let next = 0;
  let done = 0;
  let failed = false;

  async function analyzeOnce(key: string, text: string): Promise<AnalysisResult> {
    const cached = await cache?.get(key);
    if (cached) return cached;
    const result = await analyzer.analyze(text, { signal });
    // Errors (timeouts included) are not cached, so the next batch tries again.
    if (result.ok) await cache?.set(key, result);
    return result;
  }

  function resultFor(text: string): Promise<AnalysisResult> {
    const key = cacheKey(text, analyzer.name, analyzer.version);
    let pending = byText.get(key);
    if (!pending) {
      pending = analyzeOnce(key, text);
      byText.set(key, pending);
    }
    return pending;
  }

  async function worker(): Promise<void> {
    try {
      while (!failed && !signal?.aborted && next < tickets.length) {
        const ticket = tickets[next++]!;
        const result = await resultFor(ticket.text);
        if (!result.ok && signal?.aborted) continue;
        results.set(ticket.id, result);
        done++;
        onProgress?.(done, tickets.length);
      }
    } catch (error) {
      // A cache or progress callback failed: stop the other workers, then report it.
      failed = true;
      throw error;
    }
  }

  await Promise.all(Array.from({ length: Math.min(concurrency, tickets.length) }, worker));
  // Workers finish out of order; hand results back in the tickets' order.
  const ordered = new Map<string, AnalysisResult>();
  for (const { id } of tickets) {
    const result = results.get(id);
    if (result) ordered.set(id, result);
  }
  return ordered;
}
