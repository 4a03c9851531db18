import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

/**
 * Webhook signatures, Stripe's scheme: header `Holdfast-Signature: t=<unix seconds>,v1=<hex
 * HMAC-SHA256(secret, "<t>.<body>")>`. Receivers refuse a timestamp older than the replay
 * window (5 minutes) so a captured request cannot be replayed later (docs/webhooks.md).
 */

export const SIGNATURE_HEADER = "Holdfast-Signature";
export const IDEMPOTENCY_HEADER = "Holdfast-Idempotency-Key";
export const REPLAY_WINDOW_SECONDS = 300;

/** A new endpoint secret: `whsec_` and 32 random bytes in hex. */
export const newWebhookSecret = (): string => `whsec_${randomBytes(32).toString("hex")}`;

const hmac = (secret: string, t: number, body: string) =>
  createHmac("sha256", secret).update(`${t}.${body}`).digest("hex");

export function signatureHeader(secret: string, body: string, now: Date): string {
  const t = Math.floor(now.getTime() / 1000);
  return `t=${t},v1=${hmac(secret, t, body)}`;
}

/** Checks a signature header as a receiver would: a matching v1 within the replay window. */
export function verifySignature(
  header: string | undefined,
  body: string,
  secret: string,
  now: Date,
  windowSeconds = REPLAY_WINDOW_SECONDS,
): { ok: true } | { ok: false; reason: string } {
  if (!header) return { ok: false, reason: "no signature header" };
  const parts = header.split(",").map((p) => p.trim().split("=", 2) as [string, string]);
  const t = Number(parts.find(([k]) => k === "t")?.[1]);
  if (!Number.isInteger(t)) return { ok: false, reason: "no timestamp" };
  if (Math.abs(now.getTime() / 1000 - t) > windowSeconds)
    return { ok: false, reason: "timestamp outside the replay window" };
  const want = Buffer.from(hmac(secret, t, body), "hex");
  for (const [k, v] of parts) {
    if (k !== "v1") continue;
    const got = Buffer.from(v, "hex");
    if (got.length === want.length && timingSafeEqual(got, want)) return { ok: true };
  }
  return { ok: false, reason: "signature does not match" };
}
