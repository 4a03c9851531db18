import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { ScoreChange } from "../scores/changes.ts";
import { TACTICS } from "./catalog/index.ts";
import { ALL_ON, customer, Sim } from "./fixtures.ts";
import { isDiscount, isOpenOffer } from "./offers-ledger.ts";
import { hhmm, inWindow, localMinute } from "./time.ts";
import { type Channel, CUSTOMER_CHANNELS, PLAY_EVENTS, type PlayContext } from "./types.ts";

/**
 * Property: random customers, random streams of score changes and events, every tactic enabled
 * and every surface built. Whatever happens: never two open discounts for one customer, nothing
 * pushed in quiet hours, nothing on an opted-out channel, no customer over the weekly cap.
 */

const ZONES = [
  "UTC",
  "America/New_York",
  "America/Los_Angeles",
  "Europe/Paris",
  "Asia/Tokyo",
  "Australia/Sydney",
];
const consent = fc.constantFrom("opted_in" as const, "opted_out" as const, "unknown" as const);

const CHANGES: Omit<ScoreChange, "customerId">[] = [
  { kind: "churn_risk", oldScore: 30, newScore: 60, oldLevel: "medium", newLevel: "high", crossed: null },
  { kind: "churn_risk", oldScore: 60, newScore: 80, oldLevel: "high", newLevel: "critical", crossed: null },
  { kind: "churn_risk", oldScore: 10, newScore: 30, oldLevel: "low", newLevel: "medium", crossed: null },
  { kind: "health", oldScore: 65, newScore: 45, oldLevel: "stable", newLevel: "watch", crossed: null },
  { kind: "engagement", oldScore: 50, newScore: 30, oldLevel: "medium", newLevel: "low", crossed: null },
  {
    kind: "upgrade_readiness",
    oldScore: 40,
    newScore: 70,
    oldLevel: "talk_to",
    newLevel: "pitch",
    crossed: null,
  },
  {
    kind: "annual_readiness",
    oldScore: 40,
    newScore: 70,
    oldLevel: "maybe",
    newLevel: "ready",
    crossed: null,
  },
  {
    kind: "trial_engagement",
    oldScore: 40,
    newScore: 65,
    oldLevel: "moderate",
    newLevel: "strong",
    crossed: null,
  },
  {
    kind: "conversion_readiness",
    oldScore: 40,
    newScore: 65,
    oldLevel: "warming",
    newLevel: "ready",
    crossed: null,
  },
  { kind: "usage_trend", oldScore: 40, newScore: 70, oldLevel: "flat", newLevel: "growing", crossed: null },
  { kind: "usage_limits", oldScore: 40, newScore: 85, oldLevel: "ok", newLevel: "near_limit", crossed: null },
  {
    kind: "lifecycle_stage",
    oldScore: 60,
    newScore: 35,
    oldLevel: "active",
    newLevel: "at_risk",
    crossed: null,
  },
];

const customerArb = fc.record({
  timeZone: fc.constantFrom(...ZONES),
  consents: fc.record({ in_app: consent, email: consent, sms: consent }),
  lifecycleStage: fc.constantFrom(
    "onboarding" as const,
    "active" as const,
    "at_risk" as const,
    "advocate" as const,
    "churned" as const,
  ),
  subscriptionStatus: fc.constantFrom(
    "active" as const,
    "trialing" as const,
    "past_due" as const,
    "canceled" as const,
  ),
  billingInterval: fc.constantFrom("month" as const, "year" as const),
  isTrial: fc.boolean(),
  freeTier: fc.boolean(),
  openPaymentFailure: fc.boolean(),
  arr: fc.integer({ min: 0, max: 200_000 }),
  signupDaysAgo: fc.integer({ min: 1, max: 800 }),
});

const stepArb = fc.record({
  hours: fc.integer({ min: 1, max: 60 }),
  minute: fc.integer({ min: 0, max: 59 }),
  changes: fc.subarray(CHANGES, { maxLength: 4 }),
  events: fc.array(
    fc.record({ type: fc.constantFrom(...PLAY_EVENTS), key: fc.constantFrom("k1", "k2", undefined) }),
    {
      maxLength: 3,
    },
  ),
  patch: fc.record({ openPaymentFailure: fc.boolean(), pendingCancellation: fc.boolean() }),
});

const START = Date.parse("2026-03-01T00:00:00Z");

describe("plays invariants (fast-check)", () => {
  it("never two open discounts, nothing in quiet hours, nothing on an opted-out channel, no customer over the weekly cap", () => {
    fc.assert(
      fc.property(customerArb, fc.array(stepArb, { minLength: 5, maxLength: 40 }), (c, steps) => {
        const signupOn = new Date(START - c.signupDaysAgo * 86_400_000).toISOString().slice(0, 10);
        const ctx: PlayContext = customer({
          ...c,
          signupOn,
          trialEnd: c.isTrial ? "2026-04-01" : null,
          scores: {
            upgrade_readiness: { score: 70, level: "pitch" },
            trial_engagement: { score: 65, level: "strong" },
            usage_limits: { score: 85, level: "near_limit" },
            usage_trend: { score: 70, level: "growing" },
            engagement: { score: 60, level: "medium" },
          },
        });
        const sim = new Sim(ctx, ALL_ON, undefined, new Date(START));
        let t = START;
        for (const s of steps) {
          t += s.hours * 3_600_000 + s.minute * 60_000;
          const now = new Date(t);
          const at = new Date(t - 60_000).toISOString();
          sim.tick(now, {
            changes: s.changes.map((x) => ({ ...x, customerId: "c1" })),
            events: s.events.map((e) => ({ type: e.type, at, key: e.key })),
            patch: s.patch,
          });
          // The customer accepts every proposed offer at once (the worst case for stacking).
          for (const o of sim.offers.filter((o) => o.status === "proposed")) sim.answer(o.id, "accept", now);
          const open = sim.offers.filter((o) => isDiscount(o.kind) && isOpenOffer(o, now));
          expect(open.length).toBeLessThanOrEqual(1);
        }
        const sends = sim.sends().filter((e) => (CUSTOMER_CHANNELS as readonly string[]).includes(e.surface));
        const q = ALL_ON.quietHours;
        for (const e of sends) {
          const ch = e.surface as Channel;
          expect(c.consents[ch]).not.toBe("opted_out");
          if (ch === "sms") expect(c.consents.sms).toBe("opted_in");
          if (ch !== "in_app")
            expect(
              inWindow(localMinute(new Date(e.at), c.timeZone), hhmm(q.start), hhmm(q.end)),
              `${e.at} ${c.timeZone}`,
            ).toBe(false);
          // Steps answering the customer's own action (cancel flow, walls) count but are never held back.
          const step = TACTICS.get(e.tactic)!.steps.find((x) => x.id === e.stepId)!;
          if (step.responsive) continue;
          const from = Date.parse(e.at) - 7 * 86_400_000;
          const upTo = sends.indexOf(e);
          const week = sends.filter((x, k) => k <= upTo && x.surface === ch && Date.parse(x.at) > from);
          expect(week.length).toBeLessThanOrEqual(ALL_ON.weeklyCap[ch]);
        }
      }),
      { numRuns: 100 },
    );
  });
});
