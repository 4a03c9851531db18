import { describe, expect, it } from "vitest";
import { PLAYS_DEFAULTS } from "./config.ts";
import {
  accept,
  decline,
  expire,
  isOpenOffer,
  type Offer,
  type OfferDraft,
  propose,
} from "./offers-ledger.ts";
import { addDaysTo } from "./time.ts";

const B = PLAYS_DEFAULTS.offers;
const T0 = new Date("2026-03-01T10:00:00Z");
const draft = (over: Partial<OfferDraft> = {}): OfferDraft => ({
  id: "o1",
  customerId: "c1",
  tactic: "staged-annual-offers",
  surface: "in_app",
  percent: 15,
  ...over,
});
function ok<T>(r: { ok: true; value: T } | { ok: false; rule: string; message: string }): T {
  if (!r.ok) throw new Error(`refused: ${r.rule} ${r.message}`);
  return r.value;
}

describe("offers ledger", () => {
  it("a draft without a kind is a forever-percent discount (the discount guardian)", () => {
    const o = ok(propose([], draft(), B, T0));
    expect(o).toMatchObject({ kind: "percent_forever", percent: 15, cycles: null, status: "proposed" });
    expect(o.expiresAt).toBe("2026-03-08T10:00:00.000Z");
  });

  it("refuses the second discount whichever surface asks, while the first is open", () => {
    const first = ok(propose([], draft(), B, T0));
    const asks: Partial<OfferDraft>[] = [
      { surface: "cancel_flow", tactic: "first-screen-save-offer" },
      { surface: "email", tactic: "recovery-discount-in-dunning", kind: "percent_cycles", cycles: 1 },
      { surface: "payment_page", tactic: "dunning-win-back" },
      { surface: "in_app", tactic: "welcome-back-flows", percent: 10 },
      { surface: "webhook", tactic: "discount-guardian" },
    ];
    for (const a of asks) {
      const r = propose([first], draft({ id: "o2", ...a }), B, addDaysTo(T0, 1));
      expect(r, a.surface).toMatchObject({ ok: false, rule: "one_discount" });
    }
    // Accepted forever: still open, still refused.
    const accepted = ok(accept(first, addDaysTo(T0, 1)));
    expect(isOpenOffer(accepted, addDaysTo(T0, 400))).toBe(true);
    expect(
      propose([accepted], draft({ id: "o2", surface: "cancel_flow" }), B, addDaysTo(T0, 400)),
    ).toMatchObject({
      ok: false,
      rule: "one_discount",
    });
    // Declined or expired: a later discount may be proposed.
    const declined = ok(decline(first, addDaysTo(T0, 1)));
    expect(propose([declined], draft({ id: "o3" }), B, addDaysTo(T0, 2)).ok).toBe(true);
    expect(propose([first], draft({ id: "o4" }), B, addDaysTo(T0, 8)).ok).toBe(true);
  });

  it("holds operator bounds on depth and duration", () => {
    expect(propose([], draft({ percent: 60 }), B, T0)).toMatchObject({ ok: false, rule: "depth_bounds" });
    expect(propose([], draft({ percent: 2 }), B, T0)).toMatchObject({ ok: false, rule: "depth_bounds" });
    expect(propose([], draft({ kind: "percent_cycles", cycles: 12 }), B, T0)).toMatchObject({
      ok: false,
      rule: "duration_bounds",
    });
    expect(propose([], draft({ kind: "percent_cycles" }), B, T0)).toMatchObject({
      ok: false,
      rule: "missing_terms",
    });
    const c = ok(propose([], draft({ kind: "percent_cycles", cycles: 1 }), B, T0));
    const acc = ok(accept(c, T0));
    expect(isOpenOffer(acc, addDaysTo(T0, 29))).toBe(true);
    expect(isOpenOffer(acc, addDaysTo(T0, 31))).toBe(false);
  });

  it("caps pauses in length and per year", () => {
    const p = (id: string, months?: number) => draft({ id, kind: "pause", months, percent: undefined });
    expect(propose([], p("p0", 6), B, T0)).toMatchObject({ ok: false, rule: "pause_cap" });
    const a = ok(accept(ok(propose([], p("p1", 1), B, T0)), T0));
    expect(propose([a], p("p2", 1), B, addDaysTo(T0, 10))).toMatchObject({ ok: false, rule: "pause_cap" });
    const b = ok(accept(ok(propose([a], p("p2", 1), B, addDaysTo(T0, 40))), addDaysTo(T0, 40)));
    expect(propose([a, b], p("p3", 1), B, addDaysTo(T0, 100))).toMatchObject({
      ok: false,
      rule: "pause_cap",
      message: "2 pauses in the last year (cap 2)",
    });
    expect(propose([a, b], p("p3", 1), B, addDaysTo(T0, 370)).ok).toBe(true);
  });

  it("one rescue-plan move per 365 days", () => {
    const r = (id: string) =>
      draft({ id, kind: "rescue_plan", percent: 30, tactic: "hidden-rescue-plan", surface: "cancel_flow" });
    const first = ok(accept(ok(propose([], r("r1"), B, T0)), T0));
    expect(propose([first], r("r2"), B, addDaysTo(T0, 200))).toMatchObject({
      ok: false,
      rule: "rescue_plan_yearly",
    });
    expect(propose([first], r("r2"), B, addDaysTo(T0, 366)).ok).toBe(true);
    // A rescue plan is a plan move, not a discount: it does not block a discount.
    expect(propose([first], draft({ id: "d" }), B, addDaysTo(T0, 1)).ok).toBe(true);
  });

  it("one trial extension per trial, whether accepted or still proposed", () => {
    const x = (id: string, trialId: string) =>
      draft({
        id,
        kind: "trial_extension",
        days: 7,
        trialId,
        percent: undefined,
        tactic: "trial-extension-save",
      });
    const first = ok(propose([], x("x1", "trial-A"), B, T0));
    expect(propose([first], x("x2", "trial-A"), B, T0)).toMatchObject({
      ok: false,
      rule: "trial_extension_once",
    });
    const acc = ok(accept(first, T0));
    expect(propose([acc], x("x2", "trial-A"), B, addDaysTo(T0, 30))).toMatchObject({
      ok: false,
      rule: "trial_extension_once",
    });
    expect(propose([acc], x("x3", "trial-B"), B, addDaysTo(T0, 30)).ok).toBe(true);
    expect(propose([], x("x4", "trial-A"), { ...B, trialExtensionMaxDays: 5 }, T0)).toMatchObject({
      rule: "duration_bounds",
    });
  });

  it("transitions: only a proposed offer moves; an expired one cannot be accepted", () => {
    const o: Offer = ok(propose([], draft(), B, T0));
    expect(accept(o, addDaysTo(T0, 8))).toMatchObject({ ok: false, rule: "expired" });
    expect(expire(o, addDaysTo(T0, 1))).toMatchObject({ ok: false, rule: "not_open" });
    const gone = ok(expire(o, addDaysTo(T0, 8)));
    expect(gone.status).toBe("expired");
    expect(decline(gone, addDaysTo(T0, 9))).toMatchObject({ ok: false, rule: "not_open" });
    expect(ok(decline(o, addDaysTo(T0, 1))).status).toBe("declined");
  });
});
