import type { ScoreKind } from "../scores/kinds.ts";
import type { Stage as LifecycleStage } from "../scores/lifecycle.ts";
import type { SubscriptionStatus } from "../subscriptions/state.ts";
import type { Condition } from "./condition.ts";

/**
 * The plays vocabulary (SPEC section 7, seed 002's tactic library, seeds 000 and 003). A tactic
 * is data: the tick reads its trigger, checks its eligibility and guardrails through the one
 * contact policy, and runs its steps as a flow. Nothing here does I/O.
 */

export const PLAY_STAGES = ["activate", "grow", "save", "monetize", "reengage"] as const;
export type PlayStage = (typeof PLAY_STAGES)[number];

/** Where a step acts. Customer channels are in_app, email and sms; the rest are internal. */
export const SURFACES = [
  "in_app",
  "email",
  "sms",
  "csm_task",
  "slack",
  "webhook",
  "deal",
  "insight",
] as const;
export type Surface = (typeof SURFACES)[number];
export const CUSTOMER_CHANNELS = ["in_app", "email", "sms"] as const;
export type Channel = (typeof CUSTOMER_CHANNELS)[number];
export const isChannel = (s: Surface): s is Channel => (CUSTOMER_CHANNELS as readonly string[]).includes(s);
/** Channels pushed to the customer: quiet hours apply (in-app is shown only while they use the product). */
export const PUSH_CHANNELS: readonly Channel[] = ["email", "sms"];

/** Surfaces that need the billing issue; a tactic requiring one is disabled until it exists. */
export const REQUIRED_SURFACES = ["cancel_flow", "payment_page", "wall"] as const;
export type RequiredSurface = (typeof REQUIRED_SURFACES)[number];

export const EXIT_CAUSES = ["converted", "declined", "window_ended", "collided", "churned"] as const;
export type ExitCause = (typeof EXIT_CAUSES)[number];

export const OFFER_KINDS = [
  "percent_forever",
  "percent_cycles",
  "pause",
  "trial_extension",
  "rescue_plan",
] as const;
export type OfferKind = (typeof OFFER_KINDS)[number];
export const DISCOUNT_KINDS: readonly OfferKind[] = ["percent_forever", "percent_cycles"];

/** Seed 002's grades, strongest first; seed extras carry "unrated" (no measured effect given). */
export const EVIDENCE_GRADES = ["causal", "validated", "strong", "moderate", "unrated"] as const;
export type EvidenceGrade = (typeof EVIDENCE_GRADES)[number];

/**
 * Events a trigger or an exit can name. The tick derives them from canonical events, billing
 * state and ticket analysis (e.g. `ticket_churn_intent` from the rules analyzer).
 */
export const PLAY_EVENTS = [
  "payment_failed",
  "payment_recovered",
  "trial_ending",
  "trial_converted",
  "limit_approaching",
  "limit_reached",
  "cancel_requested",
  "cancel_reason_price",
  "plan_upgraded",
  "plan_downgraded",
  "nps_answered",
  "ticket_churn_intent",
  "help_visits_declining_session",
  "pricing_page_visit",
  "paused_session",
  "discount_created",
  "return_visit",
  "churned_non_payment",
  "checkout_started",
  "offer_accepted",
  "offer_declined",
  "offer_dismissed",
  "offer_seen",
  "activation_reached",
  "premium_features_adopted",
  "subscription_resumed",
  "resubscribed",
  "catalog_changed",
] as const;
export type PlayEvent = (typeof PLAY_EVENTS)[number];

/** What starts a run. Score triggers read `score_changes`; schedules are evaluated by the tick. */
export type Trigger =
  | {
      type: "score";
      kind: ScoreKind;
      /** Crossing: the score reached `threshold` going `direction`. */
      threshold?: number;
      direction?: "up" | "down";
      /** Band: the level entered one of these. */
      levels?: readonly string[];
    }
  | { type: "event"; events: readonly PlayEvent[] }
  | { type: "schedule"; schedule: Schedule };

export type Schedule =
  | { kind: "days_before_renewal"; days: number }
  | { kind: "trial_day"; day: number }
  | { kind: "tenure_months"; months: readonly number[] }
  | { kind: "month_after_signup"; month: number }
  /** Org-level or feed recomputation every N days (quarterly review, daily score feed). */
  | { kind: "every_days"; days: number };

/** Counting windows for a rate limit: rolling days, or one per key the trigger supplies. */
export type Per =
  | { days: number }
  | { key: "trial" | "limit_period" | "failure_episode" | "return" | "session" | "milestone" | "category" }
  | { lifetime: true };

export interface RateLimit {
  max: number;
  per: Per;
  /** Count runs of every tactic in this family (e.g. "annual": staged and readiness annual offers). */
  family?: string;
}

/**
 * Collision classes in priority order (lower number wins): a candidate is suppressed while a
 * flow or offer of a class in its `suppressWhile` is open for the customer.
 */
export const COLLISION_PRIORITY = {
  payment_recovery: 1,
  cancel_flow: 2,
  winback: 3,
  offer: 4,
  guidance: 5,
  internal: 6,
} as const;
export type CollisionClass = keyof typeof COLLISION_PRIORITY;

export interface Guardrails {
  /** Rate limits over this tactic's (or its family's) runs. */
  rateLimits: readonly RateLimit[];
  /** Days after an explicit decline before the tactic may start again. */
  cooldownAfterDeclineDays?: number;
  /** Days after a dismissal before the tactic may start again. */
  cooldownAfterDismissDays?: number;
  /** Runs per customer lifetime. */
  lifetimeCap?: number;
  collision: { class: CollisionClass; suppressWhile: readonly CollisionClass[] };
  /** Lifecycle stages the tactic may run in (stage gating); absent = any but churned. */
  stages?: readonly LifecycleStage[];
  /** Skip customers in the leave-alone band (seed 002 #8: respected, not worked as a backlog). */
  respectLeaveAlone?: boolean;
  /** Org-level gate checked before enabling (e.g. engagement pattern matches), in words. */
  patternGate?: string;
  /** Minimum usage history before trusting the trigger (coverage floor), in days. */
  coverageFloorDays?: number;
  /** Escalations to accounts above the org's ARR threshold wait for approval. */
  approvalAboveArr?: boolean;
  /** Maximum messages per key on one channel (e.g. at most two SMS per failure episode). */
  channelCaps?: readonly { channel: Channel; max: number; per: Per }[];
  /** The library's guardrails, in words, each with its rule name; shown on the dashboard. */
  rules: readonly { name: string; text: string }[];
}

/** A step: a surface, an action key (template or experience), and when it is due. */
export interface Step {
  id: string;
  surface: Surface;
  action: string;
  /** Days after the previous step; the first step has none (it fires on start). */
  waitDays?: number;
  /**
   * Escalation condition on the previous step: only if it was unseen or unanswered; or sent
   * together with the previous step ("with_previous", no wait: a CSM task and its Slack alert).
   */
  when?: "always" | "unseen" | "unanswered" | "with_previous";
  /** Event-driven step: due as soon as this event is seen during the run (e.g. limit reached). */
  on?: PlayEvent;
  /** The step carries the tactic's offer (proposed to the ledger when it fires). */
  offer?: boolean;
  /**
   * Shown in answer to the customer's own action (cancel click, paused session, limit reached,
   * return visit): counted, but never held back by the weekly cap.
   */
  responsive?: boolean;
}

export interface OfferBounds {
  kind: OfferKind;
  /** Percent off: min, default, max (percent kinds and rescue plan price cut). */
  percent?: { min: number; default: number; max: number };
  /** Billing cycles the percent applies to (percent_cycles only). */
  cycles?: { min: number; default: number; max: number };
  /** Pause length in months (pause only). */
  months?: { min: number; default: number; max: number };
  /** Extension in days (trial_extension only). */
  days?: { min: number; default: number; max: number };
}

export interface ExitRule {
  cause: ExitCause;
  /** Events that end the run with this cause. */
  on?: readonly PlayEvent[];
  /** For window_ended: days after the start. */
  afterDays?: number;
}

export interface TacticParam {
  default: number;
  min: number;
  max: number;
  text: string;
}

export interface Tactic {
  slug: string;
  name: string;
  stage: PlayStage;
  /** Tactics sharing a family share family rate limits (e.g. "annual"). */
  family?: string;
  /** "org": acts on the whole org and produces operator insights, never a customer message. */
  scope: "customer" | "org";
  /** Source: seed 002 tactic number, or the seed extra it comes from. */
  source: string;
  trigger: Trigger;
  eligibility: readonly Condition[];
  guardrails: Guardrails;
  steps: readonly Step[];
  exits: readonly ExitRule[];
  offer?: OfferBounds;
  success: { metric: string; text: string; windowDays: number };
  evidence: { grade: EvidenceGrade; confidence: string; headline: string };
  requires: readonly RequiredSurface[];
  /** Tunable numbers (thresholds, waits) with their bounds; org config may override within them. */
  params: Readonly<Record<string, TacticParam>>;
}

/** One past or open run of a tactic for this customer. */
export interface RunRecord {
  tactic: string;
  runId: string;
  startedAt: string;
  endedAt: string | null;
  exit: ExitCause | null;
  /** Declined or dismissed explicitly (cooldowns). */
  response?: "declined" | "dismissed" | null;
  /** The key the trigger supplied (trial id, limit+period, episode, milestone...). */
  key?: string | null;
  collision: CollisionClass;
}

/** One message that reached a customer channel (for weekly caps and channel caps). */
export interface ContactRecord {
  tactic: string;
  runId: string;
  channel: Channel;
  at: string;
  /** The run's key (trial, episode...). */
  key?: string | null;
  /** The product session an in-app message was shown in, when known. */
  sessionId?: string | null;
}

export type ConsentState = "opted_in" | "opted_out" | "unknown";

/** Everything the tick loads for one customer; the policy and flows read only this. */
export interface PlayContext {
  orgId: string;
  customerId: string;
  /** IANA zone; null uses the org default. */
  timeZone: string | null;
  lifecycleStage: LifecycleStage | null;
  subscriptionStatus: SubscriptionStatus | null;
  /** Current score per kind: value and level. */
  scores: Partial<Record<ScoreKind, { score: number | null; level: string }>>;
  signupOn: string | null;
  billingInterval: "month" | "year" | null;
  isTrial: boolean;
  trialEnd: string | null;
  freeTier: boolean;
  arr: number;
  higherTierAvailable: boolean;
  hasDiscount: boolean;
  openPaymentFailure: boolean;
  pendingCancellation: boolean;
  lastDowngradeOn: string | null;
  usageHistoryDays: number;
  renewalOn: string | null;
  billingContactDeclared: boolean;
  consents: Record<Channel, ConsentState>;
  /** Recent play events (derived by the tick), newest last. */
  events: readonly { type: PlayEvent; at: string; key?: string }[];
  runs: readonly RunRecord[];
  contacts: readonly ContactRecord[];
  /** Open offers in the ledger (proposed, or accepted and still running). */
  openOffers: readonly { kind: OfferKind; tactic: string; status: "proposed" | "accepted" }[];
}

/** Org-level facts a tick passes to the policy (features built, leave-alone band). */
export interface PlaySurfaces {
  available: readonly RequiredSurface[];
}
