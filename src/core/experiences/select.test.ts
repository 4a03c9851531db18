import { describe, expect, it } from "vitest";
import { CATALOG } from "../plays/catalog/index.ts";
import type { Offer } from "../plays/offers-ledger.ts";
import { EXPERIENCE_COPY, MODAL_KINDS, MOMENTS } from "./catalog.ts";
import { type Candidate, fitsMoment, offerTerms, selectExperiences } from "./select.ts";

const NOW = new Date("2026-06-01T12:00:00Z");

const cand = (id: number, action: string, collision: Candidate["collision"], offerId: string | null = null) =>
  ({
    id,
    key: `play:1:c1:t${id}:run${id}:s`,
    tactic: `t${id}`,
    runId: `run${id}`,
    stepId: "s",
    action,
    collision,
    createdAt: `2026-06-01T0${id}:00:00Z`,
    offerId,
  }) satisfies Candidate;

const offer = (id: string, over: Partial<Offer> = {}): Offer => ({
  id,
  customerId: "c1",
  kind: "percent_forever",
  tactic: "trial-conversion",
  surface: "in_app",
  status: "proposed",
  percent: 20,
  cycles: null,
  months: null,
  days: null,
  trialId: null,
  proposedAt: "2026-06-01T00:00:00Z",
  expiresAt: "2026-06-08T00:00:00Z",
  decidedAt: null,
  endsAt: null,
  ...over,
});

describe("experience catalog", () => {
  it("gives every in-app step of the plays catalog its copy and at least one known moment", () => {
    const actions = CATALOG.flatMap((t) =>
      t.steps.filter((s) => s.surface === "in_app").map((s) => s.action),
    );
    expect(actions.length).toBeGreaterThan(20);
    for (const a of actions) {
      expect(EXPERIENCE_COPY[a], a).toBeDefined();
      expect(EXPERIENCE_COPY[a]!.moments.length, a).toBeGreaterThan(0);
      for (const m of EXPERIENCE_COPY[a]!.moments) expect(MOMENTS).toContain(m);
    }
  });

  it("shows offer steps with {terms} in their copy, and cancel-flow screens only at the cancel click", () => {
    for (const t of CATALOG)
      for (const s of t.steps)
        if (s.surface === "in_app" && s.offer && t.offer) {
          const copy = EXPERIENCE_COPY[s.action]!;
          expect(`${copy.title} ${copy.body}`, s.action).toContain("{terms}");
        }
    expect(fitsMoment("cancel_flow.first_screen_offer", "cancel_click")).toBe(true);
    expect(fitsMoment("cancel_flow.first_screen_offer", "session_start")).toBe(false);
    expect(fitsMoment("recovery.payment_wall", "billing_page")).toBe(true);
  });
});

describe("offerTerms", () => {
  it("states each kind's terms from the ledger row", () => {
    expect(offerTerms(offer("o", { percent: 15 }))).toBe("15% off for as long as you stay subscribed");
    expect(offerTerms(offer("o", { kind: "percent_cycles", percent: 10, cycles: 3 }))).toBe(
      "10% off for 3 billing cycles",
    );
    expect(offerTerms(offer("o", { kind: "pause", months: 1 }))).toBe("a pause of up to 1 month");
    expect(offerTerms(offer("o", { kind: "trial_extension", days: 7 }))).toBe("7 more days of your trial");
    expect(offerTerms(offer("o", { kind: "rescue_plan", percent: 30 }))).toBe(
      "a plan 30% below your current price",
    );
  });
});

describe("selectExperiences", () => {
  it("keeps the moment's experiences, highest collision priority first, with the ledger's terms", () => {
    const out = selectExperiences(
      "session_start",
      [
        cand(1, "activation.walkthrough", "guidance"),
        cand(2, "trial_conversion.offer", "offer", "run2:s"),
        cand(3, "cancel_flow.pause_offer", "cancel_flow", "run3:s"),
      ],
      [offer("run2:s", { percent: 20 }), offer("run3:s", { kind: "pause", months: 1, percent: null })],
      NOW,
    );
    expect(out.map((e) => e.action)).toEqual(["trial_conversion.offer", "activation.walkthrough"]);
    expect(out[0]!.kind).toBe("modal_offer");
    expect(out[0]!.body).toBe("Subscribe now: 20% off for as long as you stay subscribed.");
    expect(out[0]!.offer).toMatchObject({ id: "run2:s", percent: 20, expires_at: "2026-06-08T00:00:00Z" });
    expect(out[1]!.items).toHaveLength(3);
  });

  it("shows at most one modal or wall: the higher priority one", () => {
    const out = selectExperiences(
      "session_start",
      [
        cand(1, "trial_conversion.offer", "offer", "run1:s"),
        cand(2, "recovery.payment_wall", "payment_recovery"),
        cand(3, "intervention.check_in", "winback"),
      ],
      [offer("run1:s")],
      NOW,
    );
    expect(out.map((e) => e.action)).toEqual(["recovery.payment_wall", "intervention.check_in"]);
    expect(out.filter((e) => MODAL_KINDS.includes(e.kind))).toHaveLength(1);
    expect(out.map((e) => e.priority)).toEqual([1, 3]);
  });

  it("drops an offer the ledger no longer holds open (accepted, expired, missing)", () => {
    const cands = [
      cand(1, "loyalty.offer", "offer", "run1:s"),
      cand(2, "annual.readiness_offer", "offer", "run2:s"),
      cand(3, "trial_conversion.offer", "offer", "run3:s"),
    ];
    const out = selectExperiences(
      "session_start",
      cands,
      [offer("run1:s", { status: "accepted" }), offer("run2:s", { expiresAt: "2026-06-01T11:00:00Z" })],
      NOW,
    );
    expect(out).toEqual([]);
  });

  it("answers nothing for a moment no pending action fits", () => {
    expect(
      selectExperiences("cancel_click", [cand(1, "activation.walkthrough", "guidance")], [], NOW),
    ).toEqual([]);
  });
});
