import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { SubscriptionChange } from "../events/effects.ts";
import {
  applyBillingChanges,
  type BillingAccount,
  type BillingOutcome,
  type CustomerBilling,
  customerTransition,
  isOpen,
  SUBSCRIPTION_STATUSES,
  type SubscriptionState,
  subscriptionTransition,
} from "./state.ts";

const active: SubscriptionState = {
  status: "active",
  planTier: "Pro",
  mrr: 100,
  arr: 1200,
  isTrial: false,
  trialEnd: null,
  endDate: null,
  pausedOn: null,
  churnFlag: false,
  upgradeFlag: false,
  downgradeFlag: false,
};
const customer: CustomerBilling = {
  accountId: "A-1",
  planTier: "Pro",
  mrr: 100,
  arr: 1200,
  isTrial: false,
  seats: null,
};
const C = "c1";
const at = (s: Partial<SubscriptionState>): SubscriptionState => ({ ...active, ...s });
const step = (s: SubscriptionState, ch: SubscriptionChange) => subscriptionTransition(s, ch);

describe("subscriptionTransition", () => {
  it("moves between the five states as billing and lifecycle events say", () => {
    const d = "2026-03-02";
    expect(step(active, { kind: "payment_failed", customerId: C, day: d }).changed).toEqual({
      status: "past_due",
    });
    expect(step(at({ status: "past_due" }), { kind: "payment_ok", customerId: C, day: d }).changed).toEqual({
      status: "active",
    });
    expect(step(active, { kind: "paused", customerId: C, day: d }).changed).toEqual({
      status: "paused",
      pausedOn: d,
    });
    expect(
      step(at({ status: "paused", pausedOn: "2026-02-01" }), { kind: "resumed", customerId: C, day: d })
        .changed,
    ).toEqual({ status: "active", pausedOn: null });
    expect(
      step(active, { kind: "trial_started", customerId: C, day: d, trialEnd: "2026-04-01" }).changed,
    ).toEqual({
      status: "trialing",
      isTrial: true,
      trialEnd: "2026-04-01",
    });
    expect(
      step(at({ status: "trialing", isTrial: true }), {
        kind: "trial_ended",
        customerId: C,
        day: d,
        converted: true,
      }).changed,
    ).toEqual({ status: "active", isTrial: false, trialEnd: d });
    expect(
      step(at({ status: "trialing", isTrial: true }), {
        kind: "trial_ended",
        customerId: C,
        day: d,
        converted: false,
      }).changed,
    ).toEqual({ status: "canceled", endDate: d, trialEnd: d }); // still flagged as a trial, not as churn
    expect(
      step(active, { kind: "canceled", customerId: C, day: d, eventId: "e", reason: null, feedback: null })
        .changed,
    ).toEqual({ status: "canceled", endDate: d, churnFlag: true });
  });

  it("changes a payment state only from the state it belongs to", () => {
    for (const status of ["trialing", "paused", "past_due", null] as const) {
      expect(
        step(at({ status }), { kind: "payment_failed", customerId: C, day: "2026-03-02" }).changed,
      ).toEqual({});
    }
    for (const status of ["trialing", "paused", "active", null] as const) {
      expect(step(at({ status }), { kind: "payment_ok", customerId: C, day: "2026-03-02" }).changed).toEqual(
        {},
      );
    }
  });

  it("resumes to active from any open state, and keeps a trial end the event does not give", () => {
    expect(
      step(at({ status: "past_due" }), { kind: "resumed", customerId: C, day: "2026-03-02" }).next.status,
    ).toBe("active");
    const trial = step(at({ trialEnd: "2026-05-01" }), {
      kind: "trial_started",
      customerId: C,
      day: "2026-03-02",
      trialEnd: null,
    });
    expect(trial.next.trialEnd).toBe("2026-05-01");
  });

  it("updates plan and MRR with ARR = MRR x 12, and sets but never clears the plan-change flags", () => {
    const u = step(at({ arr: 999 }), { kind: "updated", customerId: C, day: "d", plan: null, mrr: null });
    expect(u.changed).toEqual({ arr: 1200 }); // ARR follows the kept MRR
    expect(step(active, { kind: "updated", customerId: C, day: "d", plan: "Max", mrr: 50 }).changed).toEqual({
      planTier: "Max",
      mrr: 50,
      arr: 600,
    });
    const up = step(active, {
      kind: "plan_changed",
      customerId: C,
      day: "d",
      from: "Pro",
      to: "Max",
      direction: "up",
    });
    expect(up.changed).toEqual({ planTier: "Max", upgradeFlag: true });
    const same = step(up.next, {
      kind: "plan_changed",
      customerId: C,
      day: "d",
      from: "Max",
      to: "Max",
      direction: "same",
    });
    expect(same.changed).toEqual({});
  });

  it("never changes a canceled subscription", () => {
    const canceled = at({ status: "canceled", endDate: "2026-01-01" });
    expect(step(canceled, { kind: "resumed", customerId: C, day: "d" })).toEqual({
      next: canceled,
      changed: {},
    });
  });
});

describe("applyBillingChanges", () => {
  const created = (
    day: string,
    plan: string | null = null,
    mrr: number | null = null,
  ): SubscriptionChange => ({
    kind: "created",
    customerId: C,
    day,
    plan,
    mrr,
  });

  it("opens a subscription from the customer only when none is open", () => {
    const none: BillingAccount = {
      customerId: C,
      customer: { ...customer, isTrial: true, seats: 3 },
      open: [],
    };
    const out = applyBillingChanges(
      none,
      [created("2026-03-01", null, 80), created("2026-03-02")],
      new Set(),
    );
    expect(out.created).toHaveLength(1);
    expect(out.created[0]).toMatchObject({
      id: "c1:2026-03-01",
      accountId: "A-1",
      startDate: "2026-03-01",
      seats: 3,
      billingFrequency: "monthly",
      autoRenew: true,
      state: { status: "trialing", planTier: "Pro", mrr: 80, arr: 960, isTrial: true },
    });
    expect(out.customer.changed).toEqual({ mrr: 80, arr: 960 });
  });

  it("opens nothing when the id is taken, and applies later changes to what it opened", () => {
    const none: BillingAccount = { customerId: C, customer, open: [] };
    expect(applyBillingChanges(none, [created("2026-03-01")], new Set(["c1:2026-03-01"])).created).toEqual(
      [],
    );
    const out = applyBillingChanges(
      none,
      [created("2026-03-01"), { kind: "payment_failed", customerId: C, day: "2026-03-03" }],
      new Set(),
    );
    expect(out.created[0]!.state.status).toBe("past_due");
    expect(out.created[0]!.state.planTier).toBe("Pro");
  });

  it("falls back to plan 'unknown' and one seat for a customer without them", () => {
    const bare: BillingAccount = {
      customerId: C,
      customer: { ...customer, planTier: null, seats: null },
      open: [],
    };
    const out = applyBillingChanges(bare, [created("2026-03-01")], new Set());
    expect(out.created[0]).toMatchObject({ seats: 1, state: { planTier: "unknown", status: "active" } });
  });

  it("reports only the fields that differ from the stored subscription", () => {
    const account: BillingAccount = { customerId: C, customer, open: [{ id: "s1", state: active }] };
    const out = applyBillingChanges(
      account,
      [
        { kind: "payment_failed", customerId: C, day: "d1" },
        { kind: "payment_ok", customerId: C, day: "d2" },
        { kind: "paused", customerId: C, day: "d3" },
      ],
      new Set(),
    );
    expect(out.updated).toEqual([
      {
        id: "s1",
        next: { ...active, status: "paused", pausedOn: "d3" },
        changed: { status: "paused", pausedOn: "d3" },
      },
    ]);
  });
});

// ---- properties over random event sequences ----

const DAYS = ["2026-03-01", "2026-03-02", "2026-03-03", "2026-03-04"];
const day = fc.constantFrom(...DAYS);
const plan = fc.option(fc.constantFrom("Starter", "Pro", "Max"), { nil: null });
const mrr = fc.option(fc.constantFrom(0, 49, 99.5, 250), { nil: null });
const date = fc.option(day, { nil: null });

const change: fc.Arbitrary<SubscriptionChange> = fc.oneof(
  fc.record({ kind: fc.constant("created" as const), customerId: fc.constant(C), day, plan, mrr }),
  fc.record({ kind: fc.constant("updated" as const), customerId: fc.constant(C), day, plan, mrr }),
  fc.record({
    kind: fc.constant("canceled" as const),
    customerId: fc.constant(C),
    day,
    eventId: fc.string(),
    reason: fc.constant(null),
    feedback: fc.constant(null),
  }),
  fc.record({ kind: fc.constant("paused" as const), customerId: fc.constant(C), day }),
  fc.record({ kind: fc.constant("resumed" as const), customerId: fc.constant(C), day }),
  fc.record({ kind: fc.constant("trial_started" as const), customerId: fc.constant(C), day, trialEnd: date }),
  fc.record({
    kind: fc.constant("trial_ended" as const),
    customerId: fc.constant(C),
    day,
    converted: fc.boolean(),
  }),
  fc.record({
    kind: fc.constant("plan_changed" as const),
    customerId: fc.constant(C),
    day,
    from: fc.constantFrom("Starter", "Pro"),
    to: fc.constantFrom("Pro", "Max"),
    direction: fc.constantFrom("up" as const, "down" as const, "same" as const),
  }),
  fc.record({ kind: fc.constant("payment_failed" as const), customerId: fc.constant(C), day }),
  fc.record({ kind: fc.constant("payment_ok" as const), customerId: fc.constant(C), day }),
);

const subscription: fc.Arbitrary<SubscriptionState> = fc.record({
  status: fc.constantFrom(...SUBSCRIPTION_STATUSES, null),
  planTier: fc.constantFrom("Starter", "Pro"),
  mrr: fc.constantFrom(0, 100),
  arr: fc.constantFrom(0, 1200, 1300),
  isTrial: fc.boolean(),
  trialEnd: date,
  endDate: date,
  pausedOn: date,
  churnFlag: fc.boolean(),
  upgradeFlag: fc.boolean(),
  downgradeFlag: fc.boolean(),
});

const billing: fc.Arbitrary<CustomerBilling> = fc.record({
  accountId: fc.constant("A-1"),
  planTier: plan,
  mrr: fc.constantFrom(0, 100),
  arr: fc.constantFrom(0, 1200),
  isTrial: fc.boolean(),
  seats: fc.option(fc.constantFrom(1, 5), { nil: null }),
});

const account: fc.Arbitrary<BillingAccount> = fc
  .tuple(billing, fc.array(subscription.filter(isOpen), { maxLength: 2 }))
  .map(([c, subs]) => ({
    customerId: C,
    customer: c,
    open: subs.map((state, i) => ({ id: `s${i}`, state })),
  }));

/** Every subscription the account ends with (open or not), by id. */
function finalStates(a: BillingAccount, out: BillingOutcome): Map<string, SubscriptionState> {
  const m = new Map(a.open.map((s) => [s.id, s.state]));
  for (const u of out.updated) m.set(u.id, u.next);
  for (const s of out.created) m.set(s.id, s.state);
  return m;
}

describe("subscription lifecycle properties", () => {
  it("a transition's changed fields are exactly where next differs, and canceled is final", () => {
    fc.assert(
      fc.property(subscription, change, (s, ch) => {
        const { next, changed } = subscriptionTransition(s, ch);
        expect(next).toEqual({ ...s, ...changed });
        for (const [k, v] of Object.entries(changed)) expect(v).not.toEqual(s[k as keyof SubscriptionState]);
        if (s.status === "canceled") expect(changed).toEqual({});
      }),
    );
  });

  it("along any sequence: past_due is entered only from active on a failed payment, flags only rise", () => {
    fc.assert(
      fc.property(subscription, fc.array(change, { maxLength: 30 }), (s0, changes) => {
        let s = s0;
        for (const ch of changes) {
          const { next } = subscriptionTransition(s, ch);
          if (next.status === "past_due" && s.status !== "past_due") {
            expect(ch.kind).toBe("payment_failed");
            expect(s.status).toBe("active");
          }
          if (s.status === "canceled") expect(next).toBe(s);
          for (const f of ["churnFlag", "upgradeFlag", "downgradeFlag", "isTrial"] as const) {
            if (s[f] && !next[f])
              expect(f === "isTrial" && ch.kind === "trial_ended" && ch.converted).toBe(true);
          }
          if (ch.kind === "updated" && isOpen(s)) expect(next.arr).toBe(next.mrr * 12);
          s = next;
        }
      }),
    );
  });

  it("never holds more open subscriptions than before, or one; a free `created` always leaves one open", () => {
    fc.assert(
      fc.property(account, fc.array(change, { maxLength: 20 }), (a, changes) => {
        const out = applyBillingChanges(a, changes, new Set());
        const open = [...finalStates(a, out).values()].filter(isOpen).length;
        expect(open).toBeLessThanOrEqual(Math.max(a.open.length, 1));
        const last = changes.at(-1);
        // A `created` names its subscription by customer and day, so a second one the same day
        // (after a cancel) reuses a taken id and opens nothing: only a first of its day counts.
        const firstOfDay =
          last?.kind === "created" &&
          changes.filter((c) => c.kind === "created" && c.day === last.day).length === 1;
        if (last?.kind === "created" && firstOfDay && out.created.some((s) => s.startDate === last.day)) {
          expect(open).toBeGreaterThanOrEqual(1);
        }
      }),
    );
  });

  it("gives the same end state whether the events arrive in one batch or two", () => {
    fc.assert(
      fc.property(account, fc.array(change, { maxLength: 20 }), fc.nat(20), (a, changes, cut) => {
        const whole = applyBillingChanges(a, changes, new Set());

        const first = applyBillingChanges(a, changes.slice(0, cut), new Set());
        const m1 = finalStates(a, first);
        const a2: BillingAccount = {
          customerId: C,
          customer: first.customer.next,
          open: [...m1].filter(([, s]) => isOpen(s)).map(([id, state]) => ({ id, state })),
        };
        const taken = new Set([...m1.keys()].filter((id) => !a2.open.some((s) => s.id === id)));
        const second = applyBillingChanges(a2, changes.slice(cut), taken);
        const split = new Map([...m1, ...finalStates(a2, second)]);

        expect(split).toEqual(finalStates(a, whole));
        expect(second.customer.next).toEqual(whole.customer.next);
      }),
    );
  });

  it("customer billing: ARR follows MRR on every subscription change, the trial flag follows the trial", () => {
    fc.assert(
      fc.property(billing, change, (c, ch) => {
        const { next, changed } = customerTransition(c, ch);
        expect(next).toEqual({ ...c, ...changed });
        if (ch.kind === "created" || ch.kind === "updated") expect(next.arr).toBe(next.mrr * 12);
        if (ch.kind === "trial_started") expect(next.isTrial).toBe(true);
        if (ch.kind === "trial_ended") expect(next.isTrial).toBe(false);
      }),
    );
  });
});
