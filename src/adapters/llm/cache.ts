import { createHash } from "node:crypto";
import { type AnalysisResult, cleanTicketText } from "../../core/tickets/analysis.ts";

/** Where analyses are kept between batches. Only successful results are stored. */
export interface AnalysisCache {
  get(key: string): Promise<AnalysisResult | undefined>;
  set(key: string, r: AnalysisResult): Promise<void>;
}

/**
 * sha256 of cleaned text, analyzer name (which holds the model) and version (the prompt).
 * The text is cleaned without a length cap: two tickets that differ only past one analyzer's cap
 * must not share an entry that an analyzer reading further could be served.
 */
export function cacheKey(text: string, analyzerName: string, version: string): string {
  return createHash("sha256")
    .update(cleanTicketText(text, Number.POSITIVE_INFINITY))
    .update("\u0000")
    .update(analyzerName)
    .update("\u0000")
    .update(version)
    .digest("hex");
}

/** An in-process cache for tests and single CLI runs (unbounded: it lives as long as the run). */
export function memoryCache(): AnalysisCache & { readonly size: number } {
  const entries = new Map<string, AnalysisResult>();
  return {
    get size() {
      return entries.size;
    },
    async get(key) {
      return entries.get(key);
    },
    async set(key, r) {
      entries.set(key, r);
    },
  };
}
