import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * Unsubscribe tokens: `<payload>.<mac>`, both base64url; the payload is `org.customer.channel`
 * JSON, the mac HMAC-SHA256 of the payload under the org's unsubscribe key. The token is the
 * only authentication of the unsubscribe routes, so any change to it fails verification.
 */
export interface UnsubscribeClaim {
  orgId: number;
  customerId: string;
  channel: "email" | "sms";
}

const mac = (key: string, payload: string) => createHmac("sha256", key).update(payload).digest("base64url");

export function signUnsubscribe(key: string, claim: UnsubscribeClaim): string {
  const payload = Buffer.from(JSON.stringify([claim.orgId, claim.customerId, claim.channel])).toString(
    "base64url",
  );
  return `${payload}.${mac(key, payload)}`;
}

/** The claim a token states, unverified (to find the org whose key verifies it); null when malformed. */
export function readUnsubscribe(token: string): UnsubscribeClaim | null {
  const [payload, sig, extra] = token.split(".");
  if (!payload || !sig || extra !== undefined || token.length > 1_000) return null;
  try {
    const v = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as unknown;
    if (!Array.isArray(v) || v.length !== 3) return null;
    const [orgId, customerId, channel] = v as unknown[];
    if (!Number.isSafeInteger(orgId) || typeof customerId !== "string" || customerId === "") return null;
    if (channel !== "email" && channel !== "sms") return null;
    return { orgId: orgId as number, customerId, channel };
  } catch {
    return null;
  }
}

/** Whether the token's mac is right under `key` (constant-time comparison). */
export function verifyUnsubscribe(key: string, token: string): UnsubscribeClaim | null {
  const claim = readUnsubscribe(token);
  if (!claim) return null;
  const [payload, sig] = token.split(".") as [string, string];
  const want = Buffer.from(mac(key, payload));
  const got = Buffer.from(sig);
  return want.length === got.length && timingSafeEqual(want, got) ? claim : null;
}
