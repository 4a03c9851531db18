import { describe, expect, it } from "vitest";
import { CATALOG, TACTICS } from "./catalog/index.ts";
import { resolveTactic } from "./config.ts";
import { type Candidate, decide } from "./contact-policy.ts";
import { ALL_ON, customer } from "./fixtures.ts";
import type { PlayContext, RunRecord } from "./types.ts";

const NOW = new Date("2026-06-10T14:00:00Z");
const resolved = (slug: string, config = ALL_ON) => resolveTactic(config, TACTICS.get(slug)!);
const start = (tactic: string, over: Partial<Candidate> = {}): Candidate => ({
  tactic,
  kind: "start",
  surface: TACTICS.get(tactic)!.steps[0]!.surface,
  ...over,
});
const step = (tactic: string, surface: Candidate["surface"], over: Partial<Candidate> = {}): Candidate => ({
  tactic,
  kind: "step",
  surface,
  runId: "r1",
  ...over,
});
const run = (tactic: string, startedAt: string, over: Partial<RunRecord> = {}): RunRecord => ({
  tactic,
  runId: `${tactic}@${startedAt}`,
  startedAt,
  endedAt: startedAt,
  exit: "window_ended",
  collision: TACTICS.get(tactic)!.guardrails.collision.class,
  ...over,
});
const check = (slug: string, ctx: PlayContext, c = start(slug), now = NOW) =>
  decide(c, ctx, resolved(slug), ALL_ON, now);

describe("contact policy", () => {
  it("an open payment recovery suppresses every growth offer", () => {
    const ctx = customer({ openPaymentFailure: true });
    const offers = CATALOG.filter((t) => t.scope === "customer" && t.guardrails.collision.class === "offer");
    expect(offers.length).toBeGreaterThan(8);
    for (const t of offers) {
      const d = decide(start(t.slug), ctx, resolved(t.slug), ALL_ON, NOW);
      expect(d.outcome, t.slug).toBe("suppress");
      // Eligibility may refuse first (no open payment failure is a condition); either way no offer goes out.
      if (d.outcome === "suppress") expect(["collision", "ineligible"]).toContain(d.rule);
    }
    // With eligibility met, the collision rule names the recovery.
    const d = check(
      "usage-limit-upgrade-offers",
      customer({ runs: [run("dunning-sms", "2026-06-09T00:00:00Z", { endedAt: null, exit: null })] }),
    );
    expect(d).toMatchObject({ outcome: "suppress", rule: "collision" });
  });

  it("no growth offer while another offer or a cancel flow is open", () => {
    const withOffer = customer({
      openOffers: [{ kind: "percent_forever", tactic: "tenure-loyalty-discounts", status: "proposed" }],
    });
    expect(
      check("monthly-to-annual-conversion", withOffer, start("monthly-to-annual-conversion")),
    ).toMatchObject({
      rule: expect.stringMatching(/collision|ineligible/),
    });
    const cancelling = customer({
      runs: [run("reason-matched-save-offers", "2026-06-10T13:00:00Z", { endedAt: null, exit: null })],
    });
    expect(check("upgrade-moment-offers", cancelling)).toMatchObject({
      outcome: "suppress",
      rule: "collision",
    });
    // The cancel flow itself is never blocked by an open offer.
    expect(check("first-screen-save-offer", withOffer)).toMatchObject({ outcome: "fire" });
  });

  it("quiet hours defer email and SMS to the end of quiet hours in the customer's zone, never drop", () => {
    // 02:30 UTC is 22:30 in New York (EDT, UTC-4): quiet until 08:00 local = 12:00 UTC.
    const ctx = customer({ timeZone: "America/New_York" });
    const d = check(
      "staged-annual-offers",
      ctx,
      step("staged-annual-offers", "email"),
      new Date("2026-06-10T02:30:00Z"),
    );
    expect(d).toEqual({
      outcome: "defer",
      rule: "quiet_hours",
      message: "Quiet hours 21:00-08:00 in America/New_York",
      until: "2026-06-10T12:00:00.000Z",
    });
    // In-app is shown only while the customer uses the product: no quiet hours.
    expect(
      check(
        "staged-annual-offers",
        ctx,
        step("staged-annual-offers", "in_app"),
        new Date("2026-06-10T02:30:00Z"),
      ),
    ).toMatchObject({
      outcome: "fire",
    });
    // Tokyo (UTC+9): 14:00 UTC is 23:00 local.
    const tokyo = check(
      "staged-annual-offers",
      customer({ timeZone: "Asia/Tokyo" }),
      step("staged-annual-offers", "email"),
    );
    expect(tokyo).toMatchObject({ outcome: "defer", until: "2026-06-10T23:00:00.000Z" });
  });

  it("an opt-out stops email; SMS needs explicit consent", () => {
    const out = customer({ consents: { in_app: "unknown", email: "opted_out", sms: "opted_in" } });
    expect(check("staged-annual-offers", out, step("staged-annual-offers", "email"))).toMatchObject({
      outcome: "suppress",
      rule: "opt_out",
      retryAt: null,
    });
    expect(
      check("dunning-sms", customer({ openPaymentFailure: true }), step("dunning-sms", "sms")),
    ).toMatchObject({
      rule: "consent",
    });
    expect(
      check("dunning-sms", { ...out, openPaymentFailure: true }, step("dunning-sms", "sms")),
    ).toMatchObject({
      outcome: "fire",
    });
  });

  it("the weekly cap per channel counts every tactic and says when a slot frees", () => {
    const contacts = ["2026-06-05T10:00:00Z", "2026-06-08T10:00:00Z"].map((at, i) => ({
      tactic: i ? "proactive-check-in" : "success-resources",
      runId: `x${i}`,
      channel: "email" as const,
      at,
    }));
    expect(
      check("staged-annual-offers", customer({ contacts }), step("staged-annual-offers", "email")),
    ).toEqual({
      outcome: "suppress",
      rule: "weekly_cap",
      message: "2 of 2 email messages this week",
      retryAt: "2026-06-12T10:00:00.000Z",
    });
    expect(
      check("staged-annual-offers", customer({ contacts }), step("staged-annual-offers", "in_app")),
    ).toMatchObject({
      outcome: "fire",
    });
    // In-app full for the week: a growth prompt waits, the cancel flow the customer opened does not.
    const inApp = [1, 2, 3].map((i) => ({
      tactic: "feature-discovery",
      runId: `f${i}`,
      channel: "in_app" as const,
      at: `2026-06-0${i + 5}T10:00:00Z`,
    }));
    expect(
      check("upgrade-moment-offers", customer({ contacts: inApp }), step("upgrade-moment-offers", "in_app")),
    ).toMatchObject({
      rule: "weekly_cap",
    });
    const screen = step("first-screen-save-offer", "in_app", { responsive: true });
    expect(check("first-screen-save-offer", customer({ contacts: inApp }), screen)).toMatchObject({
      outcome: "fire",
    });
  });

  it("rate limits, cooldowns and lifetime caps carry the time they free up", () => {
    const pitched = customer({ runs: [run("upgrade-moment-offers", "2026-06-01T09:00:00Z")] });
    const upgrade = customer({ scores: { upgrade_readiness: { score: 70, level: "pitch" } } });
    expect(check("upgrade-moment-offers", { ...upgrade, runs: pitched.runs })).toEqual({
      outcome: "suppress",
      rule: "rate_limit",
      message: "upgrade-moment-offers: 1 of 1 per 14 days",
      retryAt: "2026-06-15T09:00:00.000Z",
    });
    const dismissed = run("upgrade-prompt-timing", "2026-04-01T09:00:00Z", {
      endedAt: "2026-05-20T09:00:00Z",
      exit: "declined",
      response: "dismissed",
    });
    expect(check("upgrade-prompt-timing", { ...upgrade, runs: [dismissed] })).toMatchObject({
      rule: "cooldown",
      retryAt: "2026-06-19T09:00:00.000Z",
    });
    const loyal = customer({ runs: [run("tenure-loyalty-discounts", "2025-01-01T09:00:00Z")] });
    expect(check("tenure-loyalty-discounts", loyal)).toMatchObject({ rule: "lifetime_cap", retryAt: null });
  });

  it("the annual family shares its 90-day limit: a readiness offer makes the milestone wait", () => {
    const ctx = customer({ runs: [run("monthly-to-annual-conversion", "2026-05-01T00:00:00Z")] });
    expect(
      check("staged-annual-offers", ctx, start("staged-annual-offers", { key: "month-3" })),
    ).toMatchObject({
      rule: "rate_limit",
      message: "the annual family: 1 of 1 per 90 days",
      retryAt: "2026-07-30T00:00:00.000Z",
    });
  });

  it("churned customers get only reengage tactics; reengage only churned ones", () => {
    const churned = customer({ lifecycleStage: "churned", subscriptionStatus: "canceled" });
    expect(check("staged-annual-offers", churned)).toMatchObject({ rule: "churned" });
    expect(
      check("welcome-back-flows", churned, start("welcome-back-flows", { key: "visit-1" })),
    ).toMatchObject({
      outcome: "fire",
    });
    expect(check("welcome-back-flows", customer())).toMatchObject({ rule: "stage_gate" });
  });

  it("the leave-alone band, stage gating, missing surfaces and switches", () => {
    const leave = customer({ scores: { upgrade_readiness: { score: 10, level: "leave_alone" } } });
    expect(check("upgrade-prompt-timing", leave)).toMatchObject({ rule: "leave_alone" });
    expect(
      check("activation-rescue", customer({ lifecycleStage: "advocate", signupOn: "2026-05-20" })),
    ).toMatchObject({
      rule: "stage_gate",
    });
    const noSurfaces = { ...ALL_ON, surfaces: [] };
    const t = TACTICS.get("first-screen-save-offer")!;
    expect(decide(start(t.slug), customer(), resolveTactic(noSurfaces, t), noSurfaces, NOW)).toMatchObject({
      rule: "surface_unavailable",
      message: "first-screen-save-offer needs cancel_flow",
    });
    const off = { ...ALL_ON, tactics: { [t.slug]: { enabled: false } } };
    expect(decide(start(t.slug), customer(), resolveTactic(off, t), off, NOW)).toMatchObject({
      rule: "disabled",
    });
  });

  it("eligibility refusals name the conditions in words; approvals above the ARR threshold", () => {
    const d = check("staged-annual-offers", customer({ billingInterval: "year", pendingCancellation: true }));
    expect(d).toMatchObject({ rule: "ineligible" });
    if (d.outcome === "suppress") expect(d.message).toMatch(/billed monthly/);
    const big = customer({ arr: 120_000, scores: { churn_risk: { score: 60, level: "high" } } });
    expect(check("churn-risk-high-intervention", big)).toEqual({ outcome: "fire", approval: true });
    expect(check("churn-risk-high-intervention", customer())).toEqual({ outcome: "fire", approval: false });
  });
});
