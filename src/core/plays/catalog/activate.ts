import type { Tactic } from "../types.ts";
import { COLLIDE, exits, inAppThenEmail, rules } from "./build.ts";

/** Seed 002 tactics #1-#5: the activate stage. */
export const ACTIVATE: readonly Tactic[] = [
  {
    // #1 Activation Rescue
    slug: "activation-rescue",
    name: "Activation Rescue",
    stage: "activate",
    scope: "customer",
    source: "seed 002 #1",
    trigger: { type: "score", kind: "engagement", levels: ["low"] },
    eligibility: [
      { fact: "tenure_days", max: 60 },
      { fact: "usage_history_days", min: 7 },
    ],
    guardrails: {
      // #1: one walkthrough step per session; no more than three walkthrough prompts in the first week.
      rateLimits: [{ max: 1, per: { lifetime: true } }],
      channelCaps: [
        { channel: "in_app", max: 1, per: { key: "session" } },
        { channel: "in_app", max: 3, per: { days: 7 } },
      ],
      collision: COLLIDE.guidance,
      stages: ["onboarding", "active", "at_risk"],
      coverageFloorDays: 7,
      rules: rules(
        [
          "rate_limit",
          "One walkthrough step per session; at most three walkthrough prompts in the first week.",
        ],
        [
          "eligibility",
          "Subscribers in their first 60 days with usage coverage deep enough to trust the threshold.",
        ],
        ["exit_on_activation", "Exit the moment the activation threshold is crossed."],
        ["collision", "Suppressed while any offer, save flow, or Payment Recovery sequence is active."],
        ["escalation", "Email only after in-product attempts complete; human outreach only after email."],
      ),
    },
    steps: [
      { id: "walkthrough_1", surface: "in_app", action: "activation.walkthrough" },
      {
        id: "walkthrough_2",
        surface: "in_app",
        action: "activation.walkthrough",
        waitDays: 2,
        when: "unanswered",
      },
      {
        id: "walkthrough_3",
        surface: "in_app",
        action: "activation.walkthrough",
        waitDays: 2,
        when: "unanswered",
      },
      { id: "email", surface: "email", action: "activation.email", waitDays: 3, when: "unanswered" },
      {
        id: "csm_task",
        surface: "csm_task",
        action: "activation.reach_out",
        waitDays: 7,
        when: "unanswered",
      },
    ],
    exits: exits({ converted: ["activation_reached"], windowDays: 60 }),
    success: {
      metric: "retained_90d",
      text: "Chain completion and 90-day retention of guided subscribers",
      windowDays: 90,
    },
    evidence: {
      grade: "validated",
      confidence: "a strong, repeatable pattern validated at scale",
      headline:
        "+13.8 percentage points of retention for subscribers who complete three or more activation steps",
    },
    requires: [],
    params: {
      windowDays: { default: 60, min: 14, max: 90, text: "Days after signup the tactic may run" },
      coverageFloorDays: {
        default: 7,
        min: 3,
        max: 30,
        text: "Usage history needed before trusting the threshold",
      },
    },
  },
  {
    // #2 Confusion Detection
    slug: "confusion-detection",
    name: "Confusion Detection",
    stage: "activate",
    scope: "customer",
    source: "seed 002 #2",
    trigger: { type: "event", events: ["help_visits_declining_session"] },
    eligibility: [],
    guardrails: {
      // #2: at most one help pop-up per session, seven-day cooldown after an explicit dismissal.
      rateLimits: [{ max: 1, per: { key: "session" } }],
      cooldownAfterDismissDays: 7,
      collision: COLLIDE.guidance,
      rules: rules(
        ["direction_gate", "Fire only when the session is declining (three or more help-page visits in it)."],
        ["rate_limit", "At most one help pop-up per session."],
        ["cooldown", "Seven-day cooldown after an explicit dismissal."],
        ["collision", "Suppressed while any offer, save flow, or Payment Recovery in-app cue is active."],
        ["relevance", "Content built from the help pages visited in the session, never a generic prompt."],
      ),
    },
    steps: [{ id: "help_popup", surface: "in_app", action: "confusion.help_popup" }],
    exits: exits({ converted: ["activation_reached"], declined: ["offer_dismissed"], windowDays: 1 }),
    success: {
      metric: "session_recovered",
      text: "Session recovery rate and first-week activation",
      windowDays: 7,
    },
    evidence: {
      grade: "validated",
      confidence:
        "a validated behavioral split, large and repeatable in usage data, though not a controlled experiment",
      headline: "22.6 percentage points separate the two help-seeking paths",
    },
    requires: [],
    params: {
      helpVisits: { default: 3, min: 2, max: 10, text: "Help-page visits in one declining session" },
      cooldownDays: { default: 7, min: 1, max: 60, text: "Cooldown after a dismissal" },
    },
  },
  {
    // #3 Free-to-Paid Conversion
    slug: "free-to-paid-conversion",
    name: "Free-to-Paid Conversion",
    stage: "activate",
    scope: "customer",
    source: "seed 002 #3",
    trigger: { type: "score", kind: "conversion_readiness", threshold: 60, direction: "up" },
    eligibility: [
      { fact: "free_tier", is: true },
      { fact: "tenure_days", min: 3 },
    ],
    guardrails: {
      // #3: one plan pitch per 30 days; never re-pitch within 14 days of an explicit decline.
      rateLimits: [{ max: 1, per: { days: 30 } }],
      cooldownAfterDeclineDays: 14,
      collision: COLLIDE.offer,
      coverageFloorDays: 3,
      rules: rules(
        ["rate_limit", "At most one plan pitch per subscriber per 30 days."],
        ["cooldown", "Never re-pitch within 14 days of an explicit decline."],
        [
          "eligibility",
          "Active free-tier subscribers with enough usage data; not in their first three days.",
        ],
        ["plan_matching", "The pitched plan comes from observed usage, never the most expensive tier."],
        ["restraint", "Below threshold only in-product nudges; free functionality is never blocked."],
      ),
    },
    steps: inAppThenEmail("free_to_paid.pitch", 7, false),
    exits: exits({ converted: ["offer_accepted", "trial_converted"], windowDays: 21 }),
    success: {
      metric: "converted_to_paid",
      text: "Pitch conversion and time from threshold to conversion",
      windowDays: 30,
    },
    evidence: {
      grade: "validated",
      confidence:
        "a validated predictive signal: shown a future converter and a non-converter, the model picks the converter about 77 times in 100",
      headline: "pre-conversion billing-page visits run 477 percent above baseline",
    },
    requires: [],
    params: {
      threshold: { default: 60, min: 30, max: 95, text: "Conversion-readiness score that starts the pitch" },
      unseenDays: { default: 7, min: 1, max: 14, text: "Days before the follow-up email" },
    },
  },
  {
    // #4 Trial Conversion
    slug: "trial-conversion",
    name: "Trial Conversion",
    stage: "activate",
    scope: "customer",
    source: "seed 002 #4",
    trigger: { type: "score", kind: "trial_engagement", threshold: 60, direction: "up" },
    eligibility: [
      { fact: "is_trial", is: true },
      { fact: "score", kind: "trial_engagement", min: 60 },
    ],
    guardrails: {
      // #4: at most one conversion offer per trial; never re-offer after a decline in the same trial.
      rateLimits: [{ max: 1, per: { key: "trial" } }],
      collision: COLLIDE.offer,
      rules: rules(
        [
          "rate_limit",
          "At most one conversion offer per trial; never re-offered after a decline in the trial.",
        ],
        [
          "targeting",
          "Only trialists above the engagement threshold; the unengaged are excluded, not discounted.",
        ],
        ["collision", "Suppressed when the trialist started checkout; never stacked with another promotion."],
        [
          "offer_integrity",
          "Terms within operator-set bounds; the default is the lightest offer that converts.",
        ],
      ),
    },
    steps: [
      { id: "in_app", surface: "in_app", action: "trial_conversion.offer", offer: true },
      {
        id: "email",
        surface: "email",
        action: "trial_conversion.email",
        waitDays: 5,
        when: "unseen",
        offer: true,
      },
    ],
    exits: [
      ...exits({ converted: ["trial_converted", "offer_accepted"], windowDays: 30 }),
      { cause: "collided", on: ["checkout_started"] },
    ],
    offer: { kind: "percent_forever", percent: { min: 5, default: 10, max: 30 } },
    success: {
      metric: "trial_converted",
      text: "Offer conversion against the untargeted baseline",
      windowDays: 30,
    },
    evidence: {
      grade: "strong",
      confidence:
        "a strong, consistent gap in observed behavior—evidence for targeting, not a causal estimate of the offer itself",
      headline: "28 percent conversion for engaged trialists against 9 percent for the unengaged",
    },
    requires: [],
    params: {
      threshold: { default: 60, min: 30, max: 95, text: "Trial-engagement score that marks high intent" },
    },
  },
  {
    // #5 Trial Extension Save
    slug: "trial-extension-save",
    name: "Trial Extension Save",
    stage: "activate",
    scope: "customer",
    source: "seed 002 #5",
    trigger: { type: "event", events: ["cancel_requested", "trial_ending"] },
    eligibility: [
      { fact: "is_trial", is: true },
      { fact: "score", kind: "trial_engagement", min: 30 },
    ],
    guardrails: {
      // #5: one extension per trial; never auto-extend silently.
      rateLimits: [{ max: 1, per: { key: "trial" } }],
      collision: COLLIDE.cancelFlow,
      rules: rules(
        ["targeting", "Only trialists above an engagement floor."],
        ["cap", "One extension per trial, enforced by the offers ledger."],
        ["clarity", "The offer states the new trial end date at acceptance."],
        ["consent", "Never auto-extend silently: the trialist explicitly accepts."],
      ),
    },
    steps: [
      {
        id: "extension_offer",
        surface: "in_app",
        action: "trial_extension.offer",
        offer: true,
        responsive: true,
      },
    ],
    exits: exits({ converted: ["offer_accepted"], windowDays: 7 }),
    offer: { kind: "trial_extension", days: { min: 3, default: 7, max: 14 } },
    success: {
      metric: "trial_converted",
      text: "Conversion of extended trialists against a matched holdout",
      windowDays: 30,
    },
    evidence: {
      grade: "moderate",
      confidence:
        "the targeting evidence is strong—trial length alone does not move conversion—while the extension’s isolated effect is still in validation, which is why the grade is moderate",
      headline:
        "Trial length alone holds conversion flat at 10 to 13 percent across 24M trials—extension only pays when targeted",
    },
    requires: ["cancel_flow"],
    params: {
      engagementFloor: { default: 30, min: 10, max: 80, text: "Trial-engagement floor for an extension" },
    },
  },
];
