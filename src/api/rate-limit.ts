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
