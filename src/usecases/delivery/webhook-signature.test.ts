import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { newWebhookSecret, signatureHeader, verifySignature } from "./webhook-signature.ts";

const T = new Date("2026-03-01T10:00:00Z");

describe("webhook signatures (Stripe's scheme)", () => {
  const secret = newWebhookSecret();
  const body = JSON.stringify({ id: "evt_1", type: "play.fired" });

  it("signs t.body with HMAC-SHA256 and verifies it within the replay window", () => {
    const h = signatureHeader(secret, body, T);
    const t = Math.floor(T.getTime() / 1000);
    expect(h).toBe(`t=${t},v1=${createHmac("sha256", secret).update(`${t}.${body}`).digest("hex")}`);
    expect(verifySignature(h, body, secret, new Date(T.getTime() + 299_000))).toEqual({ ok: true });
  });

  it("refuses a tampered body, another secret, a replay after 5 minutes and a missing header", () => {
    const h = signatureHeader(secret, body, T);
    expect(verifySignature(h, `${body} `, secret, T)).toMatchObject({ ok: false, reason: /does not match/ });
    expect(verifySignature(h, body, newWebhookSecret(), T)).toMatchObject({ ok: false });
    expect(verifySignature(h, body, secret, new Date(T.getTime() + 301_000))).toMatchObject({
      ok: false,
      reason: /replay window/,
    });
    expect(verifySignature(undefined, body, secret, T)).toMatchObject({ ok: false, reason: /no signature/ });
  });

  it("makes a distinct 32-byte secret each time", () => {
    const a = newWebhookSecret();
    expect(a).toMatch(/^whsec_[0-9a-f]{64}$/);
    expect(a).not.toBe(newWebhookSecret());
  });
});
