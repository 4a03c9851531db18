import rateLimit from "@fastify/rate-limit";
import type { FastifyInstance } from "fastify";
import { HoldfastError } from "../core/errors.ts";

/**
 * Requests per minute per API key, counted after authentication (so one key cannot starve the
 * others) and before the body is read. Over the limit: 429 `rate_limited` with Retry-After.
 * Counters live in process memory: one service process per store (DESIGN.md scale-out plan).
 */
export async function rateLimitPerKey(app: FastifyInstance, perMinute: number): Promise<void> {
  if (perMinute === 0) return;
  await app.register(rateLimit, {
    max: perMinute,
    timeWindow: 60_000,
    hook: "preParsing",
    keyGenerator: (req) => (req.auth ? `key:${req.auth.keyId}` : `ip:${req.ip}`),
    errorResponseBuilder: (_req, ctx) =>
      new HoldfastError(
        "rate_limited",
        `Rate limit: at most ${ctx.max.toLocaleString("en-US")} requests a minute per API key; retry in ${ctx.after}`,
      ),
  });
}

/** Failed authentications a client address may make in a minute before it is refused with 429. */
export const AUTH_FAILURES_PER_MINUTE = 20;
const WINDOW_MS = 60_000;
/** The longest an address is refused; each block past the first doubles, up to this. */
const MAX_BLOCK_MS = 60 * 60_000;
/** Addresses remembered at most (a flood from many addresses cannot grow memory without bound). */
const MAX_TRACKED = 100_000;

interface FailureState {
  windowStart: number;
  failures: number;
  blockedUntil: number;
  /** Blocks in a row: the next block lasts a minute times 2^strikes. */
  strikes: number;
  last: number;
}

/**
 * Failed authentications per client address with backoff: past `max` failures in a minute the
 * address is refused (429 `rate_limited`, Retry-After) for a minute, then 2, 4, ... up to an hour
 * while the failures go on; an hour without a block forgets it. Checked before the key is looked
 * up, so a flood of bad keys costs no store reads. In process memory, like the per-key limit.
 */
export class AuthFailureLimiter {
  private readonly state = new Map<string, FailureState>();
  private readonly max: number;
  private readonly now: () => number;
  constructor(max = AUTH_FAILURES_PER_MINUTE, now: () => number = Date.now) {
    this.max = max;
    this.now = now;
  }

  /** Seconds the address must wait, or 0 when it may try. */
  retryAfter(address: string): number {
    const s = this.state.get(address);
    const t = this.now();
    return s && s.blockedUntil > t ? Math.ceil((s.blockedUntil - t) / 1000) : 0;
  }

  /** Records a failed authentication; returns the seconds to wait when this one tipped it over. */
  fail(address: string): number {
    const t = this.now();
    let s = this.state.get(address);
    if (s && t - s.last > MAX_BLOCK_MS && s.blockedUntil <= t) s = undefined;
    if (!s) {
      if (this.state.size >= MAX_TRACKED) this.prune(t);
      s = { windowStart: t, failures: 0, blockedUntil: 0, strikes: 0, last: t };
      this.state.set(address, s);
    }
    s.last = t;
    if (t - s.windowStart >= WINDOW_MS) {
      s.windowStart = t;
      s.failures = 0;
    }
    s.failures++;
    if (s.failures <= this.max) return 0;
    const block = Math.min(WINDOW_MS * 2 ** s.strikes, MAX_BLOCK_MS);
    s.strikes++;
    s.blockedUntil = t + block;
    s.windowStart = s.blockedUntil;
    s.failures = 0;
    return Math.ceil(block / 1000);
  }

  private prune(t: number): void {
    for (const [k, s] of this.state) if (s.blockedUntil <= t && t - s.last > WINDOW_MS) this.state.delete(k);
    // Still full (a wide flood): forget the oldest half rather than grow.
    if (this.state.size >= MAX_TRACKED) {
      let n = this.state.size / 2;
      for (const k of this.state.keys()) {
        if (n-- <= 0) break;
        this.state.delete(k);
      }
    }
  }
}

export const authRateLimited = (seconds: number): HoldfastError =>
  new HoldfastError(
    "rate_limited",
    `Too many failed authentications from this address (at most ${AUTH_FAILURES_PER_MINUTE} a minute); retry in ${seconds} s`,
  );
