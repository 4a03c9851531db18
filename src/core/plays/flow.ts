import type { Decision } from "./contact-policy.ts";
import { addDaysTo } from "./time.ts";
import type { ExitCause, PlayEvent, RunRecord, Step, Surface, Tactic } from "./types.ts";

/**
 * One run of a tactic for one customer, as a pure state machine:
 * `transition(tactic, state, input, now) -> {state, effects}`. Steps fall due by time (waits
 * from the injected clock) or by event; the escalation ladder sends a step only when the
 * previous one went unseen or unanswered; exits carry their cause. The caller asks the contact
 * policy about the due step (`dueStep`) and passes its decision in the `tick` input.
 */

export interface FlowState {
  orgId: string;
  customerId: string;
  tactic: string;
  runId: string;
  key: string | null;
  status: "active" | "exited";
  startedAt: string;
  /** Index of the next step to send. */
  next: number;
  /** When the next step is due (time-based steps). */
  dueAt: string | null;
  lastSentAt: string | null;
  /** The customer saw / answered the last sent step. */
  seen: boolean;
  answered: boolean;
  response: "declined" | "dismissed" | null;
  sent: string[];
  skipped: string[];
  /** Events seen during the run (event-driven steps). */
  events: PlayEvent[];
  exit: { cause: ExitCause; at: string; detail: string } | null;
}

export type FlowInput =
  | { type: "tick"; decision?: Decision }
  | { type: "event"; event: PlayEvent }
  | { type: "exit"; cause: ExitCause; detail: string };

export type FlowEffect =
  | {
      type: "send";
      idempotencyKey: string;
      orgId: string;
      customerId: string;
      tactic: string;
      runId: string;
      stepId: string;
      surface: Surface;
      action: string;
      offer: boolean;
      /** The ledger offer the step carries (set by the tick when the ledger accepted the proposal). */
      offerId?: string;
      approval: boolean;
      at: string;
    }
  | { type: "deferred"; stepId: string; rule: string; until: string; message: string }
  | { type: "suppressed"; stepId: string; rule: string; retryAt: string | null; message: string }
  | { type: "skipped"; stepId: string; reason: string }
  | { type: "exited"; cause: ExitCause; detail: string };

export interface FlowResult {
  state: FlowState;
  effects: FlowEffect[];
}

/** The idempotency key of a step's effect: the same run and step always give the same key. */
export const effectKey = (
  s: Pick<FlowState, "orgId" | "customerId" | "tactic" | "runId">,
  stepId: string,
): string => `play:${s.orgId}:${s.customerId}:${s.tactic}:${s.runId}:${stepId}`;

export function startFlow(
  t: Tactic,
  ids: { orgId: string; customerId: string; runId: string; key?: string | null },
  now: Date,
): FlowState {
  const first = t.steps[0];
  return {
    orgId: ids.orgId,
    customerId: ids.customerId,
    tactic: t.slug,
    runId: ids.runId,
    key: ids.key ?? null,
    status: "active",
    startedAt: now.toISOString(),
    next: 0,
    dueAt: addDaysTo(now, first?.waitDays ?? 0).toISOString(),
    lastSentAt: null,
    seen: false,
    answered: false,
    response: null,
    sent: [],
    skipped: [],
    events: [],
    exit: null,
  };
}

const windowEnd = (t: Tactic, s: FlowState): Date | null => {
  const days = t.exits.find((e) => e.cause === "window_ended" && e.afterDays !== undefined)?.afterDays;
  return days === undefined ? null : addDaysTo(s.startedAt, days);
};

/**
 * When an active run next needs a tick without any new input: its step's due time or its window
 * end, whichever comes first (null: it waits for an event). Stored as `next_due_at`, so step
 * timers and incremental ticks find it.
 */
export function nextWakeAt(t: Tactic, s: FlowState): string | null {
  if (s.status !== "active") return null;
  const end = windowEnd(t, s)?.toISOString() ?? null;
  if (s.dueAt === null) return end;
  return end !== null && end < s.dueAt ? end : s.dueAt;
}

/** The step due at `now`, if any (time reached, or its event seen). */
export function dueStep(t: Tactic, s: FlowState, now: Date): Step | null {
  if (s.status !== "active") return null;
  const step = t.steps[s.next];
  if (!step) return null;
  if (step.on) return s.events.includes(step.on) ? step : null;
  return s.dueAt !== null && now.getTime() >= Date.parse(s.dueAt) ? step : null;
}

/** Whether the escalation condition of `step` holds given the previous step's outcome. */
function conditionHolds(step: Step, s: FlowState): boolean {
  if (s.next === 0 || !step.when || step.when === "always" || step.when === "with_previous") return true;
  return step.when === "unseen" ? !s.seen : !s.answered;
}

/** Moves to the next step; its due time counts from `from`. */
function advance(t: Tactic, s: FlowState, from: Date): FlowState {
  const next = s.next + 1;
  const step = t.steps[next];
  const dueAt = !step || step.on ? null : addDaysTo(from, step.waitDays ?? 0).toISOString();
  return { ...s, next, dueAt };
}

function exitWith(s: FlowState, cause: ExitCause, detail: string, now: Date): FlowResult {
  if (s.status === "exited") return { state: s, effects: [] };
  const exit = { cause, at: now.toISOString(), detail };
  return {
    state: { ...s, status: "exited", dueAt: null, exit },
    effects: [{ type: "exited", cause, detail }],
  };
}

const ANSWERS: readonly PlayEvent[] = ["offer_accepted", "offer_declined", "offer_dismissed"];

export function transition(t: Tactic, s: FlowState, input: FlowInput, now: Date): FlowResult {
  if (s.status === "exited") return { state: s, effects: [] };
  if (input.type === "exit") return exitWith(s, input.cause, input.detail, now);
  if (input.type === "event") {
    const e = input.event;
    let st: FlowState = { ...s, events: s.events.includes(e) ? s.events : [...s.events, e] };
    if (e === "offer_seen") st = { ...st, seen: true };
    if (ANSWERS.includes(e)) st = { ...st, seen: true, answered: true };
    if (e === "offer_declined") st = { ...st, response: "declined" };
    if (e === "offer_dismissed") st = { ...st, response: "dismissed" };
    const rule = t.exits.find((x) => x.on?.includes(e));
    if (rule) return exitWith(st, rule.cause, `on ${e}`, now);
    return { state: st, effects: [] };
  }
  // tick
  const end = windowEnd(t, s);
  if (end && now.getTime() >= end.getTime())
    return exitWith(s, "window_ended", `window ended ${end.toISOString()}`, now);
  const step = dueStep(t, s, now);
  if (!step) return { state: s, effects: [] };
  if (!conditionHolds(step, s)) {
    const why = step.when === "unseen" ? "the previous step was seen" : "the previous step was answered";
    return {
      state: advance(t, { ...s, skipped: [...s.skipped, step.id] }, now),
      effects: [{ type: "skipped", stepId: step.id, reason: why }],
    };
  }
  const d: Decision = input.decision ?? { outcome: "fire", approval: false };
  if (d.outcome === "defer")
    return {
      state: { ...s, dueAt: d.until },
      effects: [{ type: "deferred", stepId: step.id, rule: d.rule, until: d.until, message: d.message }],
    };
  if (d.outcome === "suppress") {
    if (d.rule === "collision") return exitWith(s, "collided", d.message, now);
    if (d.rule === "churned") return exitWith(s, "churned", d.message, now);
    const effects: FlowEffect[] = [
      { type: "suppressed", stepId: step.id, rule: d.rule, retryAt: d.retryAt, message: d.message },
    ];
    if (d.retryAt !== null && !step.on) return { state: { ...s, dueAt: d.retryAt }, effects };
    // Not by waiting (opt-out, consent, a per-key cap): the ladder moves on without this step.
    return { state: advance(t, { ...s, skipped: [...s.skipped, step.id] }, now), effects };
  }
  const send: FlowEffect = {
    type: "send",
    idempotencyKey: effectKey(s, step.id),
    orgId: s.orgId,
    customerId: s.customerId,
    tactic: s.tactic,
    runId: s.runId,
    stepId: step.id,
    surface: step.surface,
    action: step.action,
    offer: step.offer ?? false,
    approval: d.approval,
    at: now.toISOString(),
  };
  const sentState: FlowState = {
    ...s,
    sent: [...s.sent, step.id],
    lastSentAt: now.toISOString(),
    seen: step.when === "with_previous" ? s.seen : false,
    answered: step.when === "with_previous" ? s.answered : false,
  };
  return { state: advance(t, sentState, now), effects: [send] };
}

/** The run as the contact policy counts it. */
export function runRecord(t: Tactic, s: FlowState): RunRecord {
  return {
    tactic: s.tactic,
    runId: s.runId,
    startedAt: s.startedAt,
    endedAt: s.exit ? s.exit.at : null,
    exit: s.exit ? s.exit.cause : null,
    response: s.response,
    key: s.key,
    collision: t.guardrails.collision.class,
  };
}
