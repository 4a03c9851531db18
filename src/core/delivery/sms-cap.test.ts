import { describe, expect, it } from "vitest";
import { TACTICS } from "../plays/catalog/index.ts";
import { resolveTactic } from "../plays/config.ts";
import { decide } from "../plays/contact-policy.ts";
import { ALL_ON, customer } from "../plays/fixtures.ts";
import type { ContactRecord } from "../plays/types.ts";

/** Dunning SMS guardrail (seed 002 #14): at most two SMS per failure episode, enforced by the contact policy. */
describe("dunning SMS cap", () => {
  const NOW = new Date("2026-06-10T14:00:00Z");
  const sms = (key: string, at: string): ContactRecord => ({
    tactic: "dunning-sms",
    runId: `r-${key}`,
    channel: "sms",
    at,
    key,
  });
  const ctx = (contacts: ContactRecord[]) =>
    customer({
      openPaymentFailure: true,
      consents: { in_app: "unknown", email: "opted_in", sms: "opted_in" },
      contacts,
    });
  const check = (contacts: ContactRecord[], key = "ep1") =>
    decide(
      { tactic: "dunning-sms", kind: "step", surface: "sms", runId: "r-ep1", key },
      ctx(contacts),
      resolveTactic(ALL_ON, TACTICS.get("dunning-sms")!),
      ALL_ON,
      NOW,
    );

  it("the tactic states the cap on its SMS channel", () => {
    expect(TACTICS.get("dunning-sms")!.guardrails.channelCaps).toEqual([
      { channel: "sms", max: 2, per: { key: "failure_episode" } },
    ]);
  });

  it("fires the first and second SMS of an episode and suppresses a third", () => {
    expect(check([])).toMatchObject({ outcome: "fire" });
    expect(check([sms("ep1", "2026-06-03T14:00:00Z")])).toMatchObject({ outcome: "fire" });
    expect(check([sms("ep1", "2026-06-03T14:00:00Z"), sms("ep1", "2026-06-06T14:00:00Z")])).toMatchObject({
      outcome: "suppress",
      rule: "channel_cap",
      message: "dunning-sms: 2 of 2 sms per failure episode",
    });
  });

  it("a new failure episode gets its own two", () => {
    const old = [sms("ep0", "2026-05-03T14:00:00Z"), sms("ep0", "2026-05-06T14:00:00Z")];
    expect(check(old)).toMatchObject({ outcome: "fire" });
  });
});
