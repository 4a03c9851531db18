import type { Tactic } from "../types.ts";
import { COLLIDE, exits, rules } from "./build.ts";

const SEED_000 = "a product automation described by seed 000, with no measured effect given";
const SEED_003 = "a product automation described by seed 003, with no measured effect given";
const unrated = (confidence: string, headline: string) => ({
  grade: "unrated" as const,
  confidence,
  headline,
});

/**
 * Seed 000's churn-tier interventions (medium watch, high intervention, critical win-back) and
 * upsell on limit proximity and usage velocity with deal-pipeline entries; seed 003's proactive
 * check-in, success-resource delivery and escalation flag. They respect opt-outs (seed 003).
 */
export const EXTRAS: readonly Tactic[] = [
  {
    slug: "churn-risk-medium-watch",
    name: "Churn Risk: Medium Watch",
    stage: "save",
    scope: "customer",
    source: "seed 000 churn tiers (medium: monitor closely)",
    trigger: { type: "score", kind: "churn_risk", levels: ["medium"] },
    eligibility: [{ fact: "subscription_status", in: ["active", "trialing", "past_due"] }],
    guardrails: {
      rateLimits: [{ max: 1, per: { days: 30 } }],
      collision: COLLIDE.internal,
      rules: rules(["watch_only", "Medium tier is an early warning: added to the watchlist, no contact."]),
    },
    steps: [{ id: "watchlist", surface: "webhook", action: "watchlist.add" }],
    exits: [{ cause: "window_ended", afterDays: 1 }],
    success: { metric: "tier_improved", text: "Customers leaving the medium tier downward", windowDays: 30 },
    evidence: unrated(SEED_000, "Medium tier (25-49): early warning, monitor closely"),
    requires: [],
    params: {},
  },
  {
    slug: "churn-risk-high-intervention",
    name: "Churn Risk: High-Tier Intervention",
    stage: "save",
    scope: "customer",
    source: "seed 000 churn tiers (high: automated intervention)",
    trigger: { type: "score", kind: "churn_risk", levels: ["high"] },
    eligibility: [{ fact: "subscription_status", in: ["active", "trialing"] }],
    guardrails: {
      rateLimits: [{ max: 1, per: { days: 30 } }],
      collision: COLLIDE.winback,
      approvalAboveArr: true,
      rules: rules(
        ["rate_limit", "One intervention per 30 days."],
        ["escalation", "In-app first, one email if unseen after 7 days, then a CSM task."],
        ["approval", "Escalations on accounts above the ARR threshold wait for approval."],
      ),
    },
    steps: [
      { id: "in_app", surface: "in_app", action: "intervention.check_in" },
      { id: "email", surface: "email", action: "intervention.email", waitDays: 7, when: "unseen" },
      { id: "csm_task", surface: "csm_task", action: "intervention.call", waitDays: 7, when: "unanswered" },
    ],
    exits: [
      ...exits({ converted: ["activation_reached"], windowDays: 30 }),
      { cause: "converted", on: ["offer_accepted"] },
    ],
    success: {
      metric: "retained_90d",
      text: "High-tier customers still subscribed after 90 days",
      windowDays: 90,
    },
    evidence: unrated(SEED_000, "High tier (50-74): at-risk, automated intervention triggered"),
    requires: [],
    params: {},
  },
  {
    slug: "churn-risk-critical-winback",
    name: "Churn Risk: Critical-Tier Win-Back",
    stage: "save",
    scope: "customer",
    source: "seed 000 churn tiers (critical: escalated win-back sequence)",
    trigger: { type: "score", kind: "churn_risk", levels: ["critical"] },
    eligibility: [{ fact: "subscription_status", in: ["active", "trialing", "past_due"] }],
    guardrails: {
      rateLimits: [{ max: 1, per: { days: 30 } }],
      collision: COLLIDE.winback,
      approvalAboveArr: true,
      rules: rules(
        ["escalated", "A CSM task and a Slack alert at once, then the win-back email sequence."],
        ["approval", "Communications to accounts above the ARR threshold wait for approval."],
      ),
    },
    steps: [
      { id: "csm_task", surface: "csm_task", action: "winback.critical_call" },
      { id: "slack", surface: "slack", action: "winback.critical_alert", when: "with_previous" },
      { id: "email", surface: "email", action: "winback.critical_email", waitDays: 1, when: "unanswered" },
      {
        id: "email_2",
        surface: "email",
        action: "winback.critical_email_2",
        waitDays: 7,
        when: "unanswered",
      },
    ],
    exits: exits({ converted: ["offer_accepted", "activation_reached"], windowDays: 30 }),
    success: {
      metric: "retained_90d",
      text: "Critical-tier customers still subscribed after 90 days",
      windowDays: 90,
    },
    evidence: unrated(SEED_000, "Critical tier (75-100): imminent churn, escalated win-back sequence"),
    requires: [],
    params: {},
  },
  {
    slug: "proactive-check-in",
    name: "Proactive Check-In",
    stage: "save",
    scope: "customer",
    source: "seed 003 automated check-in",
    trigger: { type: "score", kind: "health", levels: ["watch", "at_risk"] },
    eligibility: [{ fact: "subscription_status", in: ["active", "trialing"] }],
    guardrails: {
      rateLimits: [{ max: 1, per: { days: 30 } }],
      collision: { class: "guidance", suppressWhile: ["payment_recovery", "cancel_flow", "winback"] },
      rules: rules(
        ["opt_out", "Respects communication opt-outs at all times."],
        ["rate_limit", "One check-in per 30 days."],
      ),
    },
    steps: [{ id: "check_in", surface: "email", action: "check_in.contextual" }],
    exits: exits({ converted: ["activation_reached"], windowDays: 14 }),
    success: { metric: "health_recovered", text: "Health back to stable within 30 days", windowDays: 30 },
    evidence: unrated(SEED_003, "Check-in when health or lifecycle stage crosses a configured threshold"),
    requires: [],
    params: {},
  },
  {
    slug: "success-resources",
    name: "Success-Resource Delivery",
    stage: "activate",
    scope: "customer",
    source: "seed 003 success resource delivery",
    trigger: { type: "score", kind: "engagement", threshold: 40, direction: "down" },
    eligibility: [{ fact: "subscription_status", in: ["active", "trialing"] }],
    guardrails: {
      rateLimits: [{ max: 1, per: { days: 14 } }],
      collision: {
        class: "guidance",
        suppressWhile: ["payment_recovery", "cancel_flow", "winback", "offer"],
      },
      rules: rules(
        ["relevance", "Documentation, tutorials or feature highlights matched to the usage pattern."],
        ["opt_out", "Respects communication opt-outs at all times."],
      ),
    },
    steps: [
      { id: "in_app", surface: "in_app", action: "resources.highlight" },
      { id: "email", surface: "email", action: "resources.email", waitDays: 3, when: "unseen" },
    ],
    exits: exits({ converted: ["activation_reached"], windowDays: 14 }),
    success: {
      metric: "engagement_recovered",
      text: "Engagement back above 40 within 30 days",
      windowDays: 30,
    },
    evidence: unrated(SEED_003, "Targeted resources based on the customer's usage pattern"),
    requires: [],
    params: {},
  },
  {
    slug: "escalation-flag",
    name: "Escalation Flag",
    stage: "save",
    scope: "customer",
    source: "seed 003 escalation flag",
    trigger: { type: "score", kind: "lifecycle_stage", levels: ["at_risk"] },
    eligibility: [{ fact: "arr", min: 10_000 }],
    guardrails: {
      rateLimits: [{ max: 1, per: { days: 30 } }],
      collision: COLLIDE.internal,
      rules: rules(["high_value", "Only high-value at-risk accounts, marked for priority handling."]),
    },
    steps: [
      { id: "flag", surface: "csm_task", action: "escalation.priority" },
      { id: "alert", surface: "slack", action: "escalation.alert", when: "with_previous" },
    ],
    exits: [{ cause: "window_ended", afterDays: 1 }],
    success: {
      metric: "retained_90d",
      text: "Flagged accounts still subscribed after 90 days",
      windowDays: 90,
    },
    evidence: unrated(SEED_003, "High-value at-risk accounts marked for priority handling"),
    requires: [],
    params: {
      minArr: { default: 10_000, min: 0, max: 10_000_000, text: "ARR that makes an account high-value" },
    },
  },
  {
    slug: "upsell-limit-proximity",
    name: "Upsell on Plan-Limit Proximity",
    stage: "grow",
    scope: "customer",
    source: "seed 000 upsell (plan limit proximity)",
    trigger: { type: "score", kind: "usage_limits", levels: ["near_limit"] },
    eligibility: [
      { fact: "subscription_status", in: ["active"] },
      { fact: "higher_tier_available", is: true },
    ],
    guardrails: {
      rateLimits: [{ max: 1, per: { days: 30 } }],
      collision: COLLIDE.offer,
      respectLeaveAlone: true,
      rules: rules(
        ["contextual", "Nudge tied to the specific limit driving the opportunity."],
        ["deal_pipeline", "Every upsell is logged to the deal pipeline for attribution."],
      ),
    },
    steps: [
      { id: "deal", surface: "deal", action: "deal.expansion_limit" },
      { id: "in_app", surface: "in_app", action: "upsell.limit_nudge", when: "with_previous" },
      { id: "email", surface: "email", action: "upsell.limit_email", waitDays: 7, when: "unseen" },
    ],
    exits: exits({ converted: ["plan_upgraded"], windowDays: 30 }),
    success: { metric: "upgraded", text: "Deals won from limit proximity", windowDays: 60 },
    evidence: unrated(SEED_000, "Customers approaching seat, API call, or storage limits"),
    requires: [],
    params: {},
  },
  {
    slug: "upsell-usage-velocity",
    name: "Upsell on Usage Velocity",
    stage: "grow",
    scope: "customer",
    source: "seed 000 upsell (usage velocity)",
    trigger: { type: "score", kind: "usage_trend", levels: ["growing"] },
    eligibility: [
      { fact: "subscription_status", in: ["active"] },
      { fact: "higher_tier_available", is: true },
      { fact: "score", kind: "usage_limits", min: 50 },
    ],
    guardrails: {
      rateLimits: [{ max: 1, per: { days: 60 } }],
      collision: COLLIDE.offer,
      respectLeaveAlone: true,
      rules: rules(
        ["velocity", "Usage growing fast relative to the plan ceiling (half the limit or more)."],
        ["deal_pipeline", "Every upsell is logged to the deal pipeline for attribution."],
      ),
    },
    steps: [
      { id: "deal", surface: "deal", action: "deal.expansion_velocity" },
      { id: "in_app", surface: "in_app", action: "upsell.velocity_nudge", when: "with_previous" },
      { id: "email", surface: "email", action: "upsell.velocity_email", waitDays: 7, when: "unseen" },
    ],
    exits: exits({ converted: ["plan_upgraded"], windowDays: 30 }),
    success: { metric: "upgraded", text: "Deals won from usage velocity", windowDays: 60 },
    evidence: unrated(SEED_000, "Usage growing fast relative to the current plan ceiling"),
    requires: [],
    params: {},
  },
];
