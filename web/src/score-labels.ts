/** Score kinds and levels in words for people, and the tone a level is shown in. */
import type { ScoreKind } from "./api-types.ts";
import { fmtInt, fmtSigned, words } from "./format.ts";

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
