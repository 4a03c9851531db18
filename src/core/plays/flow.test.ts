import { describe, expect, it } from "vitest";
import { TACTICS } from "./catalog/index.ts";
import { dueStep, effectKey, type FlowState, startFlow, transition } from "./flow.ts";
import { addDaysTo } from "./time.ts";

const staged = TACTICS.get("staged-annual-offers")!;
const high = TACTICS.get("churn-risk-high-intervention")!;
const T0 = new Date("2026-04-15T15:00:00Z");
const ids = { orgId: "org1", customerId: "c1", runId: "staged-annual-offers@month-3", key: "month-3" };
const sendsOf = (r: { effects: { type: string }[] }) => r.effects.filter((e) => e.type === "send");

describe("flow state machine", () => {
  it("sends the first step on start, then the email only if the in-app offer is unseen after 7 days", () => {
    let s: FlowState = startFlow(staged, ids, T0);
    let r = transition(staged, s, { type: "tick" }, T0);
    expect(r.effects).toEqual([
      expect.objectContaining({
        type: "send",
        stepId: "in_app",
        surface: "in_app",
        offer: true,
        idempotencyKey: "play:org1:c1:staged-annual-offers:staged-annual-offers@month-3:in_app",
      }),
    ]);
    s = r.state;
    expect(dueStep(staged, s, addDaysTo(T0, 6.9))).toBeNull();
    r = transition(staged, s, { type: "tick" }, addDaysTo(T0, 6.9));
    expect(r.effects).toEqual([]);
    r = transition(staged, s, { type: "tick" }, addDaysTo(T0, 7));
    expect(sendsOf(r)).toEqual([expect.objectContaining({ stepId: "email", surface: "email" })]);
  });

  it("skips the email when the in-app offer was seen", () => {
    let s = transition(staged, startFlow(staged, ids, T0), { type: "tick" }, T0).state;
    s = transition(staged, s, { type: "event", event: "offer_seen" }, addDaysTo(T0, 1)).state;
    const r = transition(staged, s, { type: "tick" }, addDaysTo(T0, 7));
    expect(r.effects).toEqual([{ type: "skipped", stepId: "email", reason: "the previous step was seen" }]);
  });

  it("climbs the ladder in-app, email, then a CSM task when unanswered", () => {
    const run = { ...ids, runId: "r", key: null };
    let s = transition(high, startFlow(high, run, T0), { type: "tick" }, T0).state;
    s = transition(high, s, { type: "tick" }, addDaysTo(T0, 7)).state;
    expect(s.sent).toEqual(["in_app", "email"]);
    const r = transition(high, s, { type: "tick" }, addDaysTo(T0, 14));
    expect(sendsOf(r)).toEqual([expect.objectContaining({ stepId: "csm_task", surface: "csm_task" })]);
  });

  it("a deferred step keeps its place and fires when the time comes", () => {
    let s = transition(staged, startFlow(staged, ids, T0), { type: "tick" }, T0).state;
    const at = addDaysTo(T0, 7);
    const until = "2026-04-23T08:00:00.000Z";
    const d = { outcome: "defer", rule: "quiet_hours", message: "quiet", until } as const;
    let r = transition(staged, s, { type: "tick", decision: d }, at);
    expect(r.effects).toEqual([
      { type: "deferred", stepId: "email", rule: "quiet_hours", until, message: "quiet" },
    ]);
    s = r.state;
    expect(dueStep(staged, s, new Date("2026-04-23T07:59:00Z"))).toBeNull();
    r = transition(staged, s, { type: "tick" }, new Date(until));
    expect(sendsOf(r)).toHaveLength(1);
  });

  it("exits with a cause: converted on its event, collided on a collision, window ended, churned", () => {
    const s = transition(staged, startFlow(staged, ids, T0), { type: "tick" }, T0).state;
    expect(transition(staged, s, { type: "event", event: "offer_accepted" }, T0).state.exit).toMatchObject({
      cause: "converted",
    });
    expect(transition(staged, s, { type: "event", event: "offer_declined" }, T0).state).toMatchObject({
      status: "exited",
      response: "declined",
      exit: { cause: "declined" },
    });
    const collided = transition(
      staged,
      s,
      {
        type: "tick",
        decision: {
          outcome: "suppress",
          rule: "collision",
          message: "Open cancel_flow takes priority",
          retryAt: null,
        },
      },
      addDaysTo(T0, 7),
    );
    expect(collided.effects).toEqual([
      { type: "exited", cause: "collided", detail: "Open cancel_flow takes priority" },
    ]);
    expect(transition(staged, s, { type: "tick" }, addDaysTo(T0, 30)).state.exit?.cause).toBe("window_ended");
    const done = transition(staged, s, { type: "exit", cause: "churned", detail: "gone" }, T0).state;
    expect(transition(staged, done, { type: "tick" }, addDaysTo(T0, 7)).effects).toEqual([]);
  });

  it("an opt-out (no retry time) skips the step and the ladder moves on", () => {
    const run = { ...ids, runId: "r", key: null };
    let s = transition(high, startFlow(high, run, T0), { type: "tick" }, T0).state;
    const optOut = {
      outcome: "suppress",
      rule: "opt_out",
      message: "opted out of email",
      retryAt: null,
    } as const;
    s = transition(high, s, { type: "tick", decision: optOut }, addDaysTo(T0, 7)).state;
    expect(s.skipped).toEqual(["email"]);
    expect(dueStep(high, s, addDaysTo(T0, 14))?.id).toBe("csm_task");
  });

  it("the idempotency key depends only on org, customer, tactic, run and step", () => {
    const a = effectKey({ orgId: "o", customerId: "c", tactic: "t", runId: "r" }, "s");
    expect(a).toBe(effectKey({ orgId: "o", customerId: "c", tactic: "t", runId: "r" }, "s"));
    expect(a).not.toBe(effectKey({ orgId: "o", customerId: "c", tactic: "t", runId: "r2" }, "s"));
  });
});
