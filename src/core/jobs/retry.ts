/** How long a failed job waits before its next attempt. */
export interface RetryPolicy {
  /** Delay after the first failure, in ms. */
  baseMs: number;
  /** Longest delay, in ms. */
  maxMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { baseMs: 5_000, maxMs: 3_600_000 };

/**
 * Exponential backoff with full jitter: after attempt n (1-based) the wait is uniform in
 * [d/2, d] where d = min(max, base * 2^(n-1)), so a burst of failures spreads out instead of
 * retrying in lockstep. `random` is injected (tests pass a fixed one).
 */
export function retryDelayMs(attempt: number, policy: RetryPolicy, random: () => number): number {
  const exp = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(exp / 2 + (exp / 2) * random());
}

/** A job that failed `attempts` times out of `maxAttempts` is dead; otherwise it is retried. */
export const isExhausted = (attempts: number, maxAttempts: number): boolean => attempts >= maxAttempts;
