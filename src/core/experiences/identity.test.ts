import { describe, expect, it } from "vitest";
import { identityMac, MAX_TOKEN_SECONDS, signIdentity, verifyIdentity } from "./identity.ts";

const SECRET = "ids_test-secret";
const NOW = new Date("2026-06-01T12:00:00Z");
const t = Math.floor(NOW.getTime() / 1000);

describe("identity tokens", () => {
  it("verifies a token the documented recipe makes", () => {
    const exp = t + 600;
    const id = "cust-42/é";
    const recipe = `${Buffer.from(id).toString("base64url")}.${exp}.${identityMac(SECRET, id, exp)}`;
    expect(signIdentity(SECRET, id, exp)).toBe(recipe);
    expect(verifyIdentity(recipe, SECRET, NOW)).toEqual({ ok: true, customerId: id, exp });
  });

  it("refuses a tampered customer id, expiry or signature, and another org's secret", () => {
    const token = signIdentity(SECRET, "c1", t + 600);
    const [, exp, mac] = token.split(".");
    const other = `${Buffer.from("c2").toString("base64url")}.${exp}.${mac}`;
    expect(verifyIdentity(other, SECRET, NOW)).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/signature/),
    });
    const later = token.replace(`.${exp}.`, `.${Number(exp) + 1000}.`);
    expect(verifyIdentity(later, SECRET, NOW).ok).toBe(false);
    const flipped = token.slice(0, -1) + (token.endsWith("0") ? "1" : "0");
    expect(verifyIdentity(flipped, SECRET, NOW).ok).toBe(false);
    expect(verifyIdentity(token, "ids_other", NOW).ok).toBe(false);
    expect(verifyIdentity("garbage", SECRET, NOW)).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/Malformed/),
    });
  });

  it("refuses an expired token and one living longer than the cap", () => {
    expect(verifyIdentity(signIdentity(SECRET, "c1", t - 120), SECRET, NOW)).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/expired/),
    });
    expect(verifyIdentity(signIdentity(SECRET, "c1", t + MAX_TOKEN_SECONDS + 3600), SECRET, NOW).ok).toBe(
      false,
    );
  });
});
