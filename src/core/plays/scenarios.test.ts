import { describe, expect, it } from "vitest";
import type { ScoreChange } from "../scores/changes.ts";
import type { ScoreKind } from "../scores/kinds.ts";
import { TACTICS } from "./catalog/index.ts";
import { ALL_ON, customer, Sim } from "./fixtures.ts";
import { addDaysTo } from "./time.ts";

/** Scenario tests: a customer ticked with an injected clock through the pure tick. */

const tactic = (slug: string) => TACTICS.get(slug)!;
const change = (
  kind: ScoreKind,
  oldScore: number | null,
  newScore: number,
  oldLevel: string | null,
  newLevel: string,
): ScoreChange => ({
  customerId: "c1",
  kind,
  oldScore,
  newScore,
  oldLevel,
  newLevel,
  crossed: null,
});
const daily = (from: string, days: number, hourUtc = 15) =>
  Array.from({ length: days }, (_, i) =>
    addDaysTo(new Date(`${from}T${String(hourUtc).padStart(2, "0")}:00:00Z`), i),
  );

describe("plays scenarios", () => {
  it("staged annual offers fire at month 3 then month 12 only (declined at month 3)", () => {
    const sim = new Sim(customer({ signupOn: "2026-01-15" }), ALL_ON, [tactic("staged-annual-offers")]);
    for (const now of daily("2026-01-16", 800)) {
      // The customer declines each offer two days after it appears.
      const open = sim.offers.find(
        (o) => o.status === "proposed" && Date.parse(o.proposedAt) + 2 * 86_400_000 <= now.getTime(),
      );
      if (open) {
        sim.answer(open.id, "decline", now);
        sim.tick(now, { events: [{ type: "offer_declined", at: now.toISOString() }] });
      } else sim.tick(now);
    }
    const starts = sim.decisions.filter((d) => d.kind === "start" && d.decision.outcome === "fire");
    expect(starts.map((d) => [d.key, d.at.slice(0, 10)])).toEqual([
      ["month-3", "2026-04-15"],
      ["month-12", "2027-01-15"],
    ]);
    expect(sim.sends().map((s) => [s.stepId, s.at.slice(0, 10)])).toEqual([
      ["in_app", "2026-04-15"],
      ["in_app", "2027-01-15"],
    ]);
    // During the month-3 window the tactic was asked again daily and refused by its per-milestone limit.
    const refused = sim.decisions.filter((d) => d.decision.outcome === "suppress" && d.key === "month-3");
    expect(refused.length).toBeGreaterThan(20);
    // While the run is open it is already running; after it ended, the per-milestone limit refuses.
    expect(new Set(refused.map((d) => (d.decision.outcome === "suppress" ? d.decision.rule : "")))).toEqual(
      new Set(["already_running", "rate_limit"]),
    );
  });

  it("staged annual: an unseen in-app offer gets one email after 7 days; an accepted one ends the pathway", () => {
    const sim = new Sim(customer({ signupOn: "2026-01-15" }), ALL_ON, [tactic("staged-annual-offers")]);
    for (const now of daily("2026-04-14", 9)) sim.tick(now);
    expect(sim.sends().map((s) => [s.stepId, s.at.slice(0, 10)])).toEqual([
      ["in_app", "2026-04-15"],
      ["email", "2026-04-22"],
    ]);
    const offer = sim.offers.find((o) => o.status === "proposed")!;
    const now = new Date("2026-04-23T15:00:00Z");
    sim.answer(offer.id, "accept", now);
    // Accepting moves them to annual billing: month 12 finds them ineligible.
    sim.tick(now, {
      events: [{ type: "offer_accepted", at: now.toISOString() }],
      patch: { billingInterval: "year" },
    });
    expect(sim.flows[0]!.exit?.cause).toBe("converted");
    for (const d of daily("2027-01-15", 3)) sim.tick(d);
    expect(sim.decisions.at(-1)!.decision).toMatchObject({ outcome: "suppress", rule: "ineligible" });
    expect(sim.sends()).toHaveLength(2);
  });

  it("one trial-conversion offer per trial, even when engagement crosses the threshold again", () => {
    const trial = customer({
      isTrial: true,
      subscriptionStatus: "trialing",
      trialEnd: "2026-05-30",
      signupOn: "2026-05-16",
    });
    const sim = new Sim(trial, ALL_ON, [tactic("trial-conversion")]);
    const up = { patch: { scores: { trial_engagement: { score: 65, level: "strong" } } } };
    sim.tick(new Date("2026-05-19T15:00:00Z"), {
      ...up,
      changes: [change("trial_engagement", 40, 65, "moderate", "strong")],
    });
    sim.tick(new Date("2026-05-21T15:00:00Z"), {
      changes: [change("trial_engagement", 65, 50, "strong", "moderate")],
      events: [{ type: "offer_declined", at: "2026-05-21T14:00:00Z" }],
    });
    sim.tick(new Date("2026-05-23T15:00:00Z"), {
      ...up,
      changes: [change("trial_engagement", 50, 70, "moderate", "strong")],
    });
    expect(sim.sends("trial-conversion").filter((s) => s.stepId === "in_app")).toHaveLength(1);
    expect(sim.decisions.filter((d) => d.kind === "start").map((d) => d.decision)).toEqual([
      { outcome: "fire", approval: false },
      expect.objectContaining({ outcome: "suppress", rule: "rate_limit" }),
    ]);
    // A new trial is a new key: one more offer.
    sim.tick(new Date("2026-08-02T15:00:00Z"), {
      ...up,
      patch: { ...up.patch, trialEnd: "2026-08-15" },
      changes: [change("trial_engagement", 20, 70, "weak", "strong")],
    });
    expect(sim.sends("trial-conversion").filter((s) => s.stepId === "in_app")).toHaveLength(2);
    expect(new Set(sim.offers.map((o) => o.tactic))).toEqual(new Set(["trial-conversion"]));
  });

  it("usage limit: one prompt per limit per period at 80%, a soft block at 100% that keeps work", () => {
    const sim = new Sim(customer(), ALL_ON, [tactic("usage-limit-upgrade-offers")]);
    const ev = (
      type: "limit_approaching" | "limit_reached" | "offer_declined",
      at: string,
      key?: string,
    ) => ({
      events: [{ type, at, key }],
    });
    sim.tick(
      new Date("2026-06-02T10:00:00Z"),
      ev("limit_approaching", "2026-06-02T09:00:00Z", "seats:2026-06"),
    );
    sim.tick(
      new Date("2026-06-03T10:00:00Z"),
      ev("limit_approaching", "2026-06-03T09:00:00Z", "seats:2026-06"),
    );
    sim.tick(new Date("2026-06-04T10:00:00Z"), ev("offer_declined", "2026-06-04T09:00:00Z"));
    sim.tick(new Date("2026-06-10T10:00:00Z"), ev("limit_reached", "2026-06-10T09:00:00Z", "seats:2026-06"));
    // Another limit in the same period is consolidated: the open prompt run holds the conversation.
    sim.tick(
      new Date("2026-06-11T10:00:00Z"),
      ev("limit_approaching", "2026-06-11T09:00:00Z", "api:2026-06"),
    );
    expect(sim.sends().map((s) => [s.stepId, s.action, s.at.slice(0, 10)])).toEqual([
      ["prompt", "limit.upgrade_prompt", "2026-06-02"],
      ["soft_block", "limit.soft_block_keep_work", "2026-06-10"],
    ]);
    const starts = sim.decisions
      .filter((d) => d.kind === "start")
      .map((d) => [d.key, d.decision.outcome === "suppress" ? d.decision.rule : "fire"]);
    expect(starts).toEqual([
      ["seats:2026-06", "fire"],
      ["seats:2026-06", "already_running"],
      ["seats:2026-06", "already_running"],
      ["api:2026-06", "already_running"],
    ]);
    // After the run's window: the same limit in the same period stays refused by the rate limit.
    sim.tick(
      new Date("2026-07-04T10:00:00Z"),
      ev("limit_approaching", "2026-07-04T09:00:00Z", "seats:2026-06"),
    );
    expect(sim.decisions.at(-1)).toMatchObject({ key: "seats:2026-06", decision: { rule: "rate_limit" } });
    // Next period: the run's window has ended, the limit may prompt again.
    sim.tick(
      new Date("2026-07-05T10:00:00Z"),
      ev("limit_approaching", "2026-07-05T09:00:00Z", "seats:2026-07"),
    );
    expect(sim.sends().at(-1)).toMatchObject({ stepId: "prompt", at: "2026-07-05T10:00:00.000Z" });
  });

  it("an open payment recovery suppresses every growth offer in a tick", () => {
    const ctx = customer({
      openPaymentFailure: true,
      subscriptionStatus: "past_due",
      scores: {
        upgrade_readiness: { score: 80, level: "pitch" },
        annual_readiness: { score: 80, level: "ready" },
        usage_trend: { score: 80, level: "growing" },
        usage_limits: { score: 90, level: "near_limit" },
      },
    });
    const sim = new Sim(ctx, ALL_ON);
    const now = new Date("2026-06-10T15:00:00Z");
    sim.tick(now, {
      changes: [
        change("upgrade_readiness", 40, 80, "talk_to", "pitch"),
        change("annual_readiness", 40, 80, "maybe", "ready"),
        change("usage_trend", 40, 80, "flat", "growing"),
        change("usage_limits", 40, 90, "ok", "near_limit"),
      ],
      events: [
        { type: "limit_approaching", at: "2026-06-10T14:00:00Z", key: "seats:2026-06" },
        { type: "payment_failed", at: "2026-06-10T14:00:00Z", key: "episode-1" },
      ],
    });
    const offerClass = (slug: string) => TACTICS.get(slug)!.guardrails.collision.class === "offer";
    expect(sim.sends().filter((s) => offerClass(s.tactic))).toEqual([]);
    const growth = sim.decisions.filter((d) => d.kind === "start" && offerClass(d.tactic));
    expect(growth.length).toBeGreaterThanOrEqual(5);
    for (const d of growth) expect(d.decision.outcome, d.tactic).toBe("suppress");
    // The recovery itself runs.
    expect(
      sim.sends().some((s) => TACTICS.get(s.tactic)!.guardrails.collision.class === "payment_recovery"),
    ).toBe(true);
  });

  it("quiet hours defer the email to the morning and do not drop it", () => {
    const sim = new Sim(customer({ timeZone: "America/Los_Angeles" }), ALL_ON, [
      tactic("proactive-check-in"),
    ]);
    // 05:00 UTC is 22:00 in Los Angeles (PDT).
    sim.tick(new Date("2026-06-10T05:00:00Z"), { changes: [change("health", 65, 45, "stable", "watch")] });
    expect(sim.sends()).toEqual([]);
    expect(sim.effects).toContainEqual(
      expect.objectContaining({ type: "deferred", rule: "quiet_hours", until: "2026-06-10T15:00:00.000Z" }),
    );
    sim.tick(new Date("2026-06-10T10:00:00Z"));
    expect(sim.sends()).toEqual([]);
    sim.tick(new Date("2026-06-10T15:05:00Z"));
    expect(sim.sends().map((s) => [s.surface, s.at])).toEqual([["email", "2026-06-10T15:05:00.000Z"]]);
  });

  it("an opt-out stops email: the ladder skips it and goes on to the CSM task", () => {
    const ctx = customer({ consents: { in_app: "unknown", email: "opted_out", sms: "unknown" } });
    const sim = new Sim(ctx, ALL_ON, [tactic("churn-risk-high-intervention")]);
    sim.tick(new Date("2026-06-01T15:00:00Z"), { changes: [change("churn_risk", 40, 60, "medium", "high")] });
    for (const now of daily("2026-06-02", 20)) sim.tick(now);
    expect(sim.sends().map((s) => [s.surface, s.at.slice(0, 10)])).toEqual([
      ["in_app", "2026-06-01"],
      ["csm_task", "2026-06-15"],
    ]);
    expect(sim.effects).toContainEqual(
      expect.objectContaining({ type: "suppressed", stepId: "email", rule: "opt_out" }),
    );
  });

  it("the second discount is refused by the ledger whichever surface asks", () => {
    const sim = new Sim(customer({ signupOn: "2026-01-15" }), ALL_ON, [
      tactic("staged-annual-offers"),
      tactic("first-screen-save-offer"),
      tactic("dunning-win-back"),
    ]);
    const t0 = new Date("2026-04-15T15:00:00Z");
    sim.tick(t0);
    const first = sim.offers[0]!;
    sim.answer(first.id, "accept", t0);
    sim.tick(addDaysTo(t0, 1), { events: [{ type: "offer_accepted", at: addDaysTo(t0, 1).toISOString() }] });
    // The cancel flow (a different surface, never blocked by collision) asks for its discount.
    const t2 = addDaysTo(t0, 40);
    sim.tick(t2, { events: [{ type: "cancel_requested", at: t2.toISOString() }] });
    const refused = sim.decisions.filter((d) => d.tactic === "first-screen-save-offer" && d.kind === "step");
    expect(refused.map((d) => d.decision)).toEqual([
      expect.objectContaining({
        outcome: "suppress",
        rule: "offer_refused",
        message: expect.stringMatching(/^one_discount/),
      }),
    ]);
    expect(sim.sends("first-screen-save-offer")).toEqual([]);
    expect(sim.offers.filter((o) => o.status === "accepted" || o.status === "proposed")).toHaveLength(1);
  });
});
