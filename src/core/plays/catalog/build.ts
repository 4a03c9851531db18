import type { CollisionClass, ExitRule, Guardrails, Step } from "../types.ts";

/** Building blocks shared by the catalog files. */

/** Collision presets: what a class of tactic waits behind (COLLISION_PRIORITY orders them). */
export const COLLIDE = {
  /** Growth and conversion offers: never while a cancel flow, a payment recovery or another offer is open. */
  offer: { class: "offer", suppressWhile: ["payment_recovery", "cancel_flow", "winback", "offer"] },
  /** Guidance that never competes with another conversation (seed 002 #1, #2). */
  guidance: { class: "guidance", suppressWhile: ["payment_recovery", "cancel_flow", "winback", "offer"] },
  /** Guidance that only yields to save and recovery conversations (seed 002 #11). */
  guidanceSaveOnly: { class: "guidance", suppressWhile: ["payment_recovery", "cancel_flow"] },
  /** The customer opened the cancel flow: it is the conversation. */
  cancelFlow: { class: "cancel_flow", suppressWhile: [] },
  paymentRecovery: { class: "payment_recovery", suppressWhile: [] },
  winback: { class: "winback", suppressWhile: ["payment_recovery", "cancel_flow"] },
  /** Tasks, feeds, insights: never contact the customer, never collide. */
  internal: { class: "internal", suppressWhile: [] },
} as const satisfies Record<string, { class: CollisionClass; suppressWhile: readonly CollisionClass[] }>;

export const COLLISION_RULE = {
  name: "collision",
  text: "Suppressed while any Cancel Flow, Payment Recovery sequence, or other offer is active for the subscriber.",
};

/** The library's escalation ladder: in-app at the next session, one email with identical terms if unseen after N days. */
export function inAppThenEmail(action: string, unseenDays = 7, offer = true): Step[] {
  return [
    { id: "in_app", surface: "in_app", action, offer },
    { id: "email", surface: "email", action: `${action}.email`, waitDays: unseenDays, when: "unseen", offer },
  ];
}

export const exits = (opts: {
  converted: ExitRule["on"];
  declined?: ExitRule["on"];
  windowDays: number;
}): ExitRule[] => [
  { cause: "converted", on: opts.converted },
  { cause: "declined", on: opts.declined ?? ["offer_declined"] },
  { cause: "window_ended", afterDays: opts.windowDays },
  { cause: "collided" },
  { cause: "churned" },
];

export const rules = (...r: [string, string][]): Guardrails["rules"] =>
  r.map(([name, text]) => ({ name, text }));
