/**
 * Every code the API answers with, in words for people: score kinds and levels, reason kinds (drivers),
 * feature and meter names, outcome codes, job kinds and statuses. The one place a raw key becomes text.
 */
import type { ScoreKind } from "../api/types.ts";
import { fmtInt, fmtSigned } from "./format.ts";

export const KIND_LABELS: Record<ScoreKind, string> = {
  early_warning: "Early warning",
  churn_risk: "Churn risk",
  health: "Health",
  engagement: "Engagement",
  lifecycle_stage: "Lifecycle stage",
  nps: "NPS",
  upgrade_readiness: "Upgrade readiness",
  trial_engagement: "Trial engagement",
  conversion_readiness: "Conversion readiness",
  annual_readiness: "Annual readiness",
  usage_limits: "Usage limits",
  usage_trend: "Usage trend",
};

/** What a kind's level is called: churn risk has tiers, health bands, lifecycle stages. */
const LEVEL_NOUNS: Partial<Record<ScoreKind, string>> = {
  churn_risk: "tier",
  early_warning: "risk level",
  health: "band",
  lifecycle_stage: "stage",
  upgrade_readiness: "band",
  usage_limits: "status",
  usage_trend: "direction",
};

export const levelNoun = (kind: ScoreKind): string => LEVEL_NOUNS[kind] ?? "level";

/** "Churn risk tier", "Health band", "Lifecycle stage" (no "stage stage"). */
export function levelLabel(kind: ScoreKind): string {
  const noun = levelNoun(kind);
  const label = KIND_LABELS[kind];
  return label.toLowerCase().endsWith(noun) ? label : `${label} ${noun}`;
}

/** talk_to -> Talk to, at_risk -> At risk; an empty level reads Unscored. */
export const levelWords = (level: string): string => (level ? words(level.toLowerCase()) : "Unscored");

export const isUnscored = (level: string): boolean => level === "" || level.toLowerCase() === "unscored";

export type Tone = "good" | "info" | "warn" | "bad" | "severe" | "none";

const TONES: Record<string, Tone> = {
  low: "good",
  healthy: "good",
  advocate: "good",
  active: "good",
  ok: "good",
  growing: "good",
  promoter: "good",
  pitch: "good",
  ready: "good",
  strong: "good",
  moderate: "info",
  warming: "info",
  maybe: "info",
  weak: "warn",
  cold: "none",
  not_yet: "none",
  stable: "info",
  onboarding: "info",
  flat: "info",
  passive: "info",
  talk_to: "info",
  leave_alone: "none",
  medium: "warn",
  watch: "warn",
  near_limit: "warn",
  high: "bad",
  at_risk: "bad",
  declining: "bad",
  detractor: "bad",
  critical: "severe",
  churned: "severe",
  over_limit: "severe",
};

/** Kinds where "high" is good news (engagement), unlike risk where "high" is bad. */
const HIGH_IS_GOOD = new Set<ScoreKind>(["engagement", "trial_engagement"]);
const GOOD_HIGH: Record<string, Tone> = { high: "good", medium: "info", low: "warn" };

/** The colour family of a kind's level (the word is always shown too: colour is never the only cue). */
export function levelTone(kind: ScoreKind, level: string): Tone {
  const l = level.toLowerCase();
  return (HIGH_IS_GOOD.has(kind) ? GOOD_HIGH[l] : undefined) ?? TONES[l] ?? "none";
}

/** A score as people read it: NPS runs -100..100 with a sign, the others are out of 100. */
export function scoreText(kind: ScoreKind, score: number): { value: string; unit: string } {
  return kind === "nps" ? { value: fmtSigned(score), unit: "" } : { value: fmtInt(score), unit: "/100" };
}

/** Words that stay upper case when a code is spelled out (api_calls -> API calls). */
const ACRONYMS = new Set(["api", "arr", "mrr", "nps", "csv", "id", "sla", "llm", "url", "sso", "csm", "ai"]);

/** Codes whose words are not just the code spelled out. */
const KNOWN: Record<string, string> = {
  // early-warning reason kinds (the Drivers page's bars)
  usage: "Usage drop",
  support: "Support load",
  errors: "Product errors",
  intent: "Churn intent",
  satisfaction: "Low satisfaction",
  downgrade: "Downgrade",
  trial: "Trial",
  // job kinds
  refresh: "Score refresh",
  daily_refresh: "Daily score refresh",
  analyze_tickets: "Ticket analysis",
  ping: "Test job",
  backfill_history: "History backfill",
  // features and meters
  api_calls: "API calls",
  usage_count: "Usage count",
  usage_duration_secs: "Usage time",
  error_count: "Errors",
  seats: "Seats",
  // outcomes
  no_response: "No response",
  meeting_scheduled: "Meeting scheduled",
  issue_resolved: "Issue resolved",
};

/** snake_case or a code as words (meeting_scheduled -> Meeting scheduled; api_calls -> API calls). */
export function words(code: string): string {
  const known = KNOWN[code];
  if (known) return known;
  const parts = code.split(/[_\s]+/).filter(Boolean);
  const out = parts.map((w, i) => {
    const lower = w.toLowerCase();
    if (ACRONYMS.has(lower)) return lower.toUpperCase();
    return i === 0 ? lower.charAt(0).toUpperCase() + lower.slice(1) : lower;
  });
  return out.join(" ");
}

/** A driver (early-warning reason kind) in words. */
export const reasonLabel = (kind: string): string => words(kind);
/** A job kind in words. */
export const jobKindLabel = (kind: string): string => words(kind);

// ── Plays (issue 11): stages, surfaces, suppression rules, decision outcomes, exits ──

/** The catalog's stages, in the order the Plays page groups them. */
export const PLAY_STAGE_LABELS: Record<string, string> = {
  activate: "Activate",
  grow: "Grow",
  save: "Save",
  monetize: "Monetize",
  reengage: "Re-engage",
};

const PLAY_WORDS: Record<string, string> = {
  // surfaces
  in_app: "In-app",
  email: "Email",
  sms: "SMS",
  csm_task: "CSM task",
  slack: "Slack alert",
  webhook: "Webhook",
  deal: "Deal",
  insight: "Insight",
  // billing surfaces a tactic may need
  cancel_flow: "cancel flow",
  payment_page: "payment page",
  wall: "in-product wall",
  // suppression rules (docs/plays.md)
  disabled: "Switched off",
  surface_unavailable: "Needs a billing surface",
  org_scope: "Org-level tactic",
  churned: "Customer churned",
  stage_gate: "Lifecycle stage",
  ineligible: "Not eligible",
  leave_alone: "Leave-alone band",
  already_running: "Already running",
  collision: "Another play is open",
  lifetime_cap: "Lifetime cap",
  rate_limit: "Rate limit",
  cooldown: "Cooldown",
  opt_out: "Opted out",
  consent: "No consent",
  channel_cap: "Channel cap",
  weekly_cap: "Weekly cap",
  offer_refused: "Offer refused",
  quiet_hours: "Quiet hours",
  // decision outcomes and kinds
  fire: "Fired",
  defer: "Deferred",
  suppress: "Suppressed",
  start: "Start",
  step: "Step",
  // run exits
  converted: "Converted",
  declined: "Declined",
  window_ended: "Window ended",
  collided: "Another play took over",
  // queues
  pending: "Pending",
  approved: "Approved",
  rejected: "Rejected",
  expired: "Expired",
  open: "Open",
  done: "Done",
  snoozed: "Snoozed",
  active: "Active",
  exited: "Ended",
  // insight figures
  share_pct: "Share (%)",
};

/** A plays code in words (rules, surfaces, outcomes, statuses); anything else spelled out. */
export const playWords = (code: string): string => PLAY_WORDS[code] ?? words(code);

/** A step's action or id in words: "discovery.next_category" -> "Discovery next category". */
export const stepWords = (code: string): string => words(code.replace(/[.-]+/g, "_"));

/** "needs cancel flow" for a tactic whose billing surface does not exist yet. */
export const needsSurface = (surfaces: readonly string[]): string =>
  `needs ${surfaces.map((s) => PLAY_WORDS[s] ?? words(s).toLowerCase()).join(" and ")}`;

/** The colour family of a decision outcome or a queue status. */
export function playTone(code: string): Tone {
  if (code === "fire" || code === "approved" || code === "done" || code === "converted") return "good";
  if (code === "defer" || code === "snoozed" || code === "active") return "info";
  if (code === "pending" || code === "open") return "warn";
  if (code === "suppress" || code === "rejected") return "bad";
  return "none";
}
