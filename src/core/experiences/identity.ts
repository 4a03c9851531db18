import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * Identity tokens (docs/in-app.md): the host app's backend proves which customer is signed in
 * without ever giving the browser an org key, as chat widgets do for identity verification.
 *
 *   token = base64url(customerId) + "." + exp + "." + hex(hmac_sha256(secret, customerId + "." + exp))
 *
 * `exp` is the expiry in Unix seconds. Pure: the clock is a parameter.
 */

/** The longest a token may live: a token claiming a later expiry is refused. */
export const MAX_TOKEN_SECONDS = 24 * 3600;
/** Clock skew tolerated between the host backend and Holdfast. */
export const SKEW_SECONDS = 60;

const b64url = (s: string) => Buffer.from(s, "utf8").toString("base64url");

export const identityMac = (secret: string, customerId: string, exp: number): string =>
  createHmac("sha256", secret).update(`${customerId}.${exp}`).digest("hex");

export function signIdentity(secret: string, customerId: string, exp: number): string {
  return `${b64url(customerId)}.${exp}.${identityMac(secret, customerId, exp)}`;
}

export type IdentityResult = { ok: true; customerId: string; exp: number } | { ok: false; reason: string };

export function verifyIdentity(token: string, secret: string, now: Date): IdentityResult {
  const parts = token.split(".");
  if (parts.length !== 3)
    return { ok: false, reason: "Malformed identity token: expected <base64url id>.<exp>.<hex hmac>" };
  const [idPart, expPart, mac] = parts as [string, string, string];
  if (!/^[A-Za-z0-9_-]{1,400}$/.test(idPart))
    return { ok: false, reason: "Malformed identity token: the customer id is not base64url" };
  if (!/^\d{1,12}$/.test(expPart))
    return { ok: false, reason: "Malformed identity token: exp is not Unix seconds" };
  if (!/^[0-9a-f]{64}$/.test(mac))
    return { ok: false, reason: "Malformed identity token: the signature is not 64 hex digits" };
  const customerId = Buffer.from(idPart, "base64url").toString("utf8");
  if (customerId.length === 0 || b64url(customerId) !== idPart)
    return { ok: false, reason: "Malformed identity token: the customer id is not base64url" };
  const exp = Number(expPart);
  const expected = Buffer.from(identityMac(secret, customerId, exp), "hex");
  if (!timingSafeEqual(expected, Buffer.from(mac, "hex")))
    return {
      ok: false,
      reason: "Identity token signature does not match (tampered, or signed with another secret)",
    };
  const t = Math.floor(now.getTime() / 1000);
  if (exp + SKEW_SECONDS <= t)
    return { ok: false, reason: `Identity token expired at ${new Date(exp * 1000).toISOString()}` };
  if (exp > t + MAX_TOKEN_SECONDS + SKEW_SECONDS)
    return { ok: false, reason: `Identity token expiry is more than ${MAX_TOKEN_SECONDS / 3600} h ahead` };
  return { ok: true, customerId, exp };
}
