import { GOOD_STANDING } from "../eligibility.ts";
import type { Tactic } from "../types.ts";
import { COLLIDE, exits, inAppThenEmail, rules } from "./build.ts";

/** Seed 002 tactics #6-#12: the grow stage. */
export const GROW: readonly Tactic[] = [
  {
    // #6 Staged Annual Offers
    slug: "staged-annual-offers",
    name: "Staged Annual Offers",
    stage: "grow",
    family: "annual",
    scope: "customer",
    source: "seed 002 #6",
    trigger: { type: "schedule", schedule: { kind: "tenure_months", months: [3, 12] } },
    eligibility: [
      ...GOOD_STANDING,
      { fact: "billing_interval", is: "month" },
      { fact: "has_discount", is: false },
    ],
    guardrails: {
      // #6: two pathway offers per lifetime (month 3, month 12); a decline goes quiet until the next
      // milestone; a recent readiness-triggered annual offer (#25, 90-day limit) makes it wait.
      rateLimits: [
        { max: 1, per: { key: "milestone" } },
        { max: 1, per: { days: 90 }, family: "annual" },
      ],
      lifetimeCap: 2,
      collision: COLLIDE.offer,
      respectLeaveAlone: false,
      rules: rules(
        ["lifetime_cap", "Two pathway offers per subscriber lifetime, at month 3 and month 12."],
        ["rate_limit", "A declined offer goes quiet until the next milestone, never sooner."],
        [
          "eligibility",
          "Active monthly subscription in good standing, no payment failure, no pending cancellation.",
        ],
        [
          "offer_integrity",
          "Forever-percent on the annual term only; never stacked with an existing discount.",
        ],
        [
          "collision",
          "Suppressed while a Cancel Flow, Payment Recovery or other conversion offer is active.",
        ],
        [
          "family_cooldown",
          "If a readiness-triggered annual offer fired recently, the milestone waits out its cooldown.",
        ],
      ),
    },
    steps: inAppThenEmail("annual.staged_offer", 7),
    exits: exits({ converted: ["offer_accepted"], windowDays: 30 }),
    offer: { kind: "percent_forever", percent: { min: 5, default: 15, max: 30 } },
    success: {
      metric: "switched_to_annual",
      text: "Switch to annual and 12-month retention",
      windowDays: 365,
    },
    evidence: {
      grade: "causal",
      confidence:
        "almost certainly causal, with both components tested against statistical twins and their combination the strongest interaction in the dataset",
      headline:
        "24 percentage points of churn removed when the annual term and forever-percent discount combine",
    },
    requires: [],
    params: {
      firstMonth: { default: 3, min: 1, max: 12, text: "First milestone (months of tenure)" },
      secondMonth: { default: 12, min: 6, max: 24, text: "Second milestone (months of tenure)" },
    },
  },
  {
    // #7 Rising-Usage Upsell
    slug: "rising-usage-upsell",
    name: "Rising-Usage Upsell",
    stage: "grow",
    scope: "customer",
    source: "seed 002 #7",
    trigger: { type: "score", kind: "usage_trend", levels: ["growing"] },
    eligibility: [...GOOD_STANDING, { fact: "score", kind: "usage_trend", levels: ["growing"] }],
    guardrails: {
      // #7: at most one advanced-feature offer per quarter; pattern gate; a flattening trend pauses it.
      rateLimits: [{ max: 1, per: { days: 90 } }],
      collision: COLLIDE.offer,
      respectLeaveAlone: true,
      patternGate:
        "The org's engagement pattern matches the one the gain was measured on (classify before activating).",
      rules: rules(
        ["pattern_gate", "Run only in orgs whose engagement pattern matches the measured one."],
        [
          "trend_integrity",
          "Two-month climb on usage trend, not volume; a flattening trend pauses the tactic.",
        ],
        ["rate_limit", "At most one advanced-feature offer per subscriber per quarter."],
        ["anchoring", "Every offer names the observed usage growth and the adjacent capability."],
      ),
    },
    steps: [
      { id: "in_app", surface: "in_app", action: "rising_usage.offer" },
      { id: "material", surface: "email", action: "rising_usage.material", waitDays: 1, when: "always" },
    ],
    exits: [
      ...exits({ converted: ["plan_upgraded", "offer_accepted"], windowDays: 30 }),
      { cause: "declined", on: ["offer_dismissed"] },
    ],
    success: {
      metric: "adopted_advanced",
      text: "Adoption of the adjacent capability and expansion",
      windowDays: 90,
    },
    evidence: {
      grade: "strong",
      confidence:
        "a strong effect specific to one engagement pattern, measured where the targeting applies, not a universal effect",
      headline: "1.9× gain when advanced features meet a rising usage trend",
    },
    requires: [],
    params: {
      risingMonths: { default: 2, min: 1, max: 6, text: "Consecutive rising months before the offer" },
    },
  },
  {
    // #8 Upgrade Readiness Score: a feed, never a contact.
    slug: "upgrade-readiness-score",
    name: "Upgrade Readiness Score",
    stage: "grow",
    scope: "customer",
    source: "seed 002 #8",
    trigger: { type: "score", kind: "upgrade_readiness", levels: ["pitch", "talk_to", "leave_alone"] },
    eligibility: [],
    guardrails: {
      rateLimits: [],
      collision: COLLIDE.internal,
      coverageFloorDays: 14,
      rules: rules(
        [
          "coverage_honesty",
          "Subscribers without enough data are emitted as unscored, never a default score.",
        ],
        ["explainability", "Every score change ships with its contributing signals."],
        ["separation", "Scores and feeds only; never contacts a subscriber."],
        ["band_discipline", "Operator-set bands; the leave-alone bucket is respected downstream."],
      ),
    },
    steps: [{ id: "feed", surface: "webhook", action: "readiness.band_change" }],
    exits: [{ cause: "window_ended", afterDays: 1 }],
    success: {
      metric: "expansion_caught",
      text: "Share of expansion events caught by the pitch band",
      windowDays: 90,
    },
    evidence: {
      grade: "validated",
      confidence:
        "validated predictive performance: a measured catch rate and gain, not a causal claim about any single signal",
      headline: "62 percent of expansion events caught, with a 1.7× conversion gain from the combined score",
    },
    requires: [],
    params: {},
  },
  {
    // #9 Upgrade-Moment Offers
    slug: "upgrade-moment-offers",
    name: "Upgrade-Moment Offers",
    stage: "grow",
    scope: "customer",
    source: "seed 002 #9",
    trigger: { type: "score", kind: "upgrade_readiness", threshold: 60, direction: "up" },
    eligibility: [
      ...GOOD_STANDING,
      { fact: "higher_tier_available", is: true },
      { fact: "days_since_downgrade", min: 90 },
    ],
    guardrails: {
      // #9: one upgrade prompt per 14 days, no more than three per quarter; defer, never queue-jump.
      rateLimits: [
        { max: 1, per: { days: 14 } },
        { max: 3, per: { days: 90 } },
      ],
      collision: COLLIDE.offer,
      respectLeaveAlone: true,
      rules: rules(
        ["rate_limit", "At most one upgrade prompt per 14 days and three per quarter."],
        ["eligibility", "Good standing, a higher tier, no payment failure, no recent downgrade."],
        ["collision", "Suppressed while a Cancel Flow, Payment Recovery or any other offer is active."],
        [
          "threshold_discipline",
          "Calibrate the readiness threshold on historical upgrades before going live.",
        ],
      ),
    },
    steps: [{ id: "in_app", surface: "in_app", action: "upgrade_moment.prompt" }],
    exits: exits({
      converted: ["plan_upgraded"],
      declined: ["offer_declined", "offer_dismissed"],
      windowDays: 14,
    }),
    success: { metric: "upgraded", text: "Upgrade conversion against the holdout", windowDays: 30 },
    evidence: {
      grade: "validated",
      confidence:
        "a strong, repeatable pattern validated at scale, built on predictive signals rather than a controlled experiment",
      headline: "1.7× upgrade conversion when readiness signals are combined into one score",
    },
    requires: [],
    params: {
      threshold: { default: 60, min: 35, max: 95, text: "Upgrade-readiness score that opens the moment" },
    },
  },
  {
    // #10 Feature Discovery
    slug: "feature-discovery",
    name: "Feature Discovery",
    stage: "grow",
    scope: "customer",
    source: "seed 002 #10",
    trigger: { type: "schedule", schedule: { kind: "every_days", days: 7 } },
    eligibility: [
      { fact: "subscription_status", in: ["active", "trialing"] },
      { fact: "tenure_days", min: 14 },
      { fact: "score", kind: "engagement", levels: ["medium", "high"] },
    ],
    guardrails: {
      // #10: one suggestion per session, two per month; 30-day cooldown per dismissed category.
      rateLimits: [
        { max: 1, per: { key: "session" } },
        { max: 2, per: { days: 30 } },
        { max: 1, per: { key: "category" } },
      ],
      cooldownAfterDismissDays: 30,
      collision: COLLIDE.guidance,
      rules: rules(
        ["rate_limit", "At most one discovery suggestion per session and two per month."],
        ["sequencing", "One new category at a time, never a menu."],
        ["cooldown", "After a dismissal, that category is suppressed for 30 days; rotate to another."],
        ["scope", "Stop once the subscriber is active in three categories."],
      ),
    },
    steps: [{ id: "suggestion", surface: "in_app", action: "discovery.next_category" }],
    exits: exits({ converted: ["premium_features_adopted"], declined: ["offer_dismissed"], windowDays: 14 }),
    success: {
      metric: "categories_3",
      text: "Subscribers moving from one to three active categories",
      windowDays: 90,
    },
    evidence: {
      grade: "strong",
      confidence:
        "a strong, consistent correlation: breadth tracks retention at scale, though not causally isolated",
      headline: "+6.6 percentage points of retention from one to three feature categories",
    },
    requires: [],
    params: {
      learningDays: { default: 14, min: 7, max: 60, text: "Learning period before suggestions" },
      stopAtCategories: { default: 3, min: 2, max: 6, text: "Active categories at which suggestions stop" },
    },
  },
  {
    // #11 Post-Upgrade Onboarding
    slug: "post-upgrade-onboarding",
    name: "Post-Upgrade Onboarding",
    stage: "grow",
    scope: "customer",
    source: "seed 002 #11",
    trigger: { type: "event", events: ["plan_upgraded"] },
    eligibility: [{ fact: "subscription_status", in: ["active"] }],
    guardrails: {
      // #11: 48-hour window; two onboarding steps per session and one bridging email in the window.
      rateLimits: [{ max: 1, per: { days: 2 } }],
      channelCaps: [
        { channel: "in_app", max: 2, per: { key: "session" } },
        { channel: "email", max: 1, per: { days: 2 } },
      ],
      collision: COLLIDE.guidanceSaveOnly,
      rules: rules(
        ["window", "Runs for 48 hours from the upgrade, then ends regardless of completion."],
        ["rate_limit", "At most two onboarding steps per session and one bridging email."],
        ["relevance", "Only the features this tier change unlocked."],
        [
          "early_exit",
          "Ends once premium features are adopted; suppressed by a Cancel Flow or Payment Recovery.",
        ],
      ),
    },
    steps: [
      { id: "onboarding", surface: "in_app", action: "post_upgrade.onboarding" },
      { id: "bridge_email", surface: "email", action: "post_upgrade.email", waitDays: 1, when: "unseen" },
    ],
    exits: exits({ converted: ["premium_features_adopted"], windowDays: 2 }),
    success: { metric: "retained_90d", text: "Upgraders still on the tier after 90 days", windowDays: 90 },
    evidence: {
      grade: "strong",
      confidence:
        "a strong observational pattern: large and consistent at scale, not yet a controlled test of the onboarding itself",
      headline: "47 percent of upgraders churn back within 90 days when the new tier is never anchored",
    },
    requires: [],
    params: {},
  },
  {
    // #12 Upgrade Prompt Timing
    slug: "upgrade-prompt-timing",
    name: "Upgrade Prompt Timing",
    stage: "grow",
    scope: "customer",
    source: "seed 002 #12",
    trigger: { type: "score", kind: "upgrade_readiness", levels: ["pitch"] },
    eligibility: [...GOOD_STANDING, { fact: "higher_tier_available", is: true }],
    guardrails: {
      // #12: one upgrade prompt per 60 days; never within 30 days of a dismissal; month-0 rules separate.
      rateLimits: [{ max: 1, per: { days: 60 } }],
      cooldownAfterDismissDays: 30,
      collision: COLLIDE.offer,
      respectLeaveAlone: true,
      rules: rules(
        ["stage_gating", "Month-zero rules only inside month zero; the post-window rule set afterward."],
        ["rate_limit", "At most one upgrade prompt per 60 days."],
        ["cooldown", "Never re-prompt within 30 days of a dismissal."],
        ["collision", "Suppressed while a Cancel Flow, Payment Recovery or other offer is active."],
        ["prompt_scarcity", "When readiness is ambiguous (talk-to band), hold the prompt."],
      ),
    },
    steps: [{ id: "in_app", surface: "in_app", action: "upgrade_timing.prompt" }],
    exits: exits({
      converted: ["plan_upgraded"],
      declined: ["offer_dismissed", "offer_declined"],
      windowDays: 14,
    }),
    success: { metric: "upgraded", text: "Upgrades by lifecycle window against the holdout", windowDays: 60 },
    evidence: {
      grade: "validated",
      confidence:
        "a validated timing pattern: repeatable at scale, though observational rather than experimental",
      headline: "41 percent of upgrades happen in month 0",
    },
    requires: [],
    params: {
      monthZeroDays: { default: 30, min: 14, max: 45, text: "Length of the month-zero window" },
    },
  },
];
