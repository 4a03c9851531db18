import { describe, expect, it } from "vitest";
import { customerStatus, type StatusSubscription } from "./status.ts";

const AS_OF = "2026-03-31";
const sub = (o: Partial<StatusSubscription> = {}): StatusSubscription => ({
  start: "2025-01-01",
  end: null,
  status: null,
  trialEnd: null,
  pausedOn: null,
  isTrial: false,
  arr: 12_000,
  ...o,
});
const who = { arr: 12_000, isTrial: false };
const open = (status: string) => ({ status, churnDate: null, churnReason: null, lostArr: null });

describe("customerStatus", () => {
  it("active: an open subscription (imported without a status, or active)", () => {
    expect(customerStatus([sub()], [], who, AS_OF)).toEqual(open("active"));
    expect(customerStatus([sub({ status: "active" })], [], who, AS_OF)).toEqual(open("active"));
  });

  it("trialing: a trial that ends after the day, an imported trial row, a trialing status", () => {
    expect(customerStatus([sub({ status: "active", trialEnd: "2026-04-10" })], [], who, AS_OF).status).toBe(
      "trialing",
    );
    expect(customerStatus([sub({ isTrial: true })], [], who, AS_OF).status).toBe("trialing");
    expect(customerStatus([sub({ status: "trialing" })], [], who, AS_OF).status).toBe("trialing");
    // The trial ended on or before the day: it converted.
    expect(customerStatus([sub({ status: "active", trialEnd: AS_OF })], [], who, AS_OF).status).toBe(
      "active",
    );
  });

  it("paused from the pause day on; active before it", () => {
    expect(customerStatus([sub({ status: "paused", pausedOn: "2026-03-01" })], [], who, AS_OF).status).toBe(
      "paused",
    );
    expect(
      customerStatus([sub({ status: "paused", pausedOn: "2026-03-01" })], [], who, "2026-02-28").status,
    ).toBe("active");
  });

  it("past_due wins over another open subscription; active over paused", () => {
    expect(
      customerStatus([sub({ status: "active" }), sub({ status: "past_due" })], [], who, AS_OF).status,
    ).toBe("past_due");
    expect(
      customerStatus(
        [sub({ status: "paused", pausedOn: "2026-01-01" }), sub({ status: "active" })],
        [],
        who,
        AS_OF,
      ).status,
    ).toBe("active");
  });

  it("churned: nothing open and one ended; date = last end, lost ARR of what ended then, reason of its event", () => {
    const subs = [
      sub({ end: "2025-06-30", arr: 5_000 }),
      sub({ start: "2025-07-01", end: "2026-02-14", status: "canceled", arr: 8_000 }),
      sub({ start: "2025-09-01", end: "2026-02-14", arr: 4_000 }),
    ];
    const events = [
      { day: "2025-06-30", reason: "budget", isReactivation: false },
      { day: "2026-02-14", reason: "pricing", isReactivation: false },
    ];
    expect(customerStatus(subs, events, who, AS_OF)).toEqual({
      status: "churned",
      churnDate: "2026-02-14",
      churnReason: "pricing",
      lostArr: 12_000,
    });
  });

  it("a cancellation after the day reads as running then", () => {
    const s = [sub({ end: "2026-05-01", status: "canceled" })];
    expect(customerStatus(s, [], who, AS_OF).status).toBe("active");
    expect(customerStatus(s, [], who, "2026-05-01").status).toBe("churned");
  });

  it("reactivation: a new subscription after a churn is live; a reactivated churn event explains no churn", () => {
    const back = [sub({ end: "2025-06-30" }), sub({ start: "2025-09-01" })];
    expect(
      customerStatus(back, [{ day: "2025-06-30", reason: "budget", isReactivation: true }], who, AS_OF),
    ).toEqual(open("active"));
    const gone = [sub({ end: "2026-01-10" })];
    const events = [
      { day: "2026-01-10", reason: "support", isReactivation: true },
      { day: "2026-01-12", reason: "competitor", isReactivation: false },
    ];
    expect(customerStatus(gone, events, who, AS_OF).churnReason).toBe("competitor");
    expect(customerStatus(gone, [], who, AS_OF).churnReason).toBeNull();
  });

  it("lost ARR falls back to the customer's ARR when the ended rows carry none", () => {
    expect(
      customerStatus([sub({ end: "2026-01-10", arr: 0 })], [], { arr: 900, isTrial: false }, AS_OF).lostArr,
    ).toBe(900);
  });

  it("no subscription yet (or only future ones): the customer's trial flag decides", () => {
    expect(customerStatus([], [], who, AS_OF).status).toBe("active");
    expect(customerStatus([sub({ start: "2026-04-01" })], [], { arr: 0, isTrial: true }, AS_OF).status).toBe(
      "trialing",
    );
  });
});
