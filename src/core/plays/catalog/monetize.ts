import { GOOD_STANDING } from "../eligibility.ts";
import type { Tactic } from "../types.ts";
import { COLLIDE, exits, inAppThenEmail, rules } from "./build.ts";

/** Org-scope tactics: an insight for the operator (Plays page) and a webhook payload; no customer contact. */
const insightSteps = (action: string) => [
  { id: "insight", surface: "insight" as const, action },
  {
    id: "webhook",
    surface: "webhook" as const,
    action: `${action}.payload`,
    waitDays: 1,
    when: "always" as const,
  },
];
const orgExits = [{ cause: "window_ended" as const, afterDays: 30 }];

/** Seed 002 tactics #23-#31: the monetize stage. */
export const MONETIZE: readonly Tactic[] = [
  {
    // #23 Right-Plan Recommendations, at catalog level: closest-fit tier vs current plan across the base.
    slug: "right-plan-recommendations",
    name: "Right-Plan Recommendations",
    stage: "monetize",
    scope: "org",
    source: "seed 002 #23",
    trigger: { type: "schedule", schedule: { kind: "every_days", days: 30 } },
    eligibility: [],
    guardrails: {
      rateLimits: [{ max: 1, per: { days: 30 } }],
      collision: COLLIDE.internal,
      coverageFloorDays: 30,
      rules: rules(
        [
          "usage_floor",
          "Never recommend from a thin usage profile: a minimum window and event coverage first.",
        ],
        ["rate_limit", "One plan recommendation per surface per session; never stacked on another offer."],
        ["eligibility", "Live signup or active subscription with no open payment failure."],
        [
          "integrity",
          "Recommend the closest-fit tier even when cheaper; the match is to usage, never revenue.",
        ],
      ),
    },
    steps: insightSteps("insight.right_plan"),
    exits: orgExits,
    success: { metric: "fit_share", text: "Share of customers on their closest-fit tier", windowDays: 90 },
    evidence: {
      grade: "validated",
      confidence:
        "a strong, repeatable pattern validated at scale, from pricing-structure analysis rather than a controlled test",
      headline: "88 percent churn for subscribers who land in the $50–$100 price dead zone",
    },
    requires: [],
    params: {
      minObservationDays: { default: 30, min: 14, max: 180, text: "Usage window before a closest-fit tier" },
    },
  },
  {
    // #24 Discount Guardian: every discount resolves to forever-percent within bounds (the offers ledger enforces it).
    slug: "discount-guardian",
    name: "Discount Guardian",
    stage: "monetize",
    scope: "customer",
    source: "seed 002 #24",
    trigger: { type: "event", events: ["discount_created"] },
    eligibility: [],
    guardrails: {
      rateLimits: [],
      collision: COLLIDE.internal,
      rules: rules(
        ["structure", "Every discount is forever-percent, within operator-set depth bounds."],
        ["scope", "Applies at creation only; never modifies an attached discount."],
        ["stacking", "One discount per subscriber; with one already, no action."],
        ["audit", "Every substitution is recorded with the original draft and the resolved structure."],
      ),
    },
    steps: [{ id: "resolve", surface: "webhook", action: "guardian.resolved" }],
    exits: [{ cause: "window_ended", afterDays: 1 }],
    offer: { kind: "percent_forever", percent: { min: 5, default: 15, max: 40 } },
    success: {
      metric: "churn_discounted",
      text: "Churn of discounted subscribers against twins",
      windowDays: 365,
    },
    evidence: {
      grade: "causal",
      confidence: "almost certainly causal: the paired comparison isolates the discount structure itself",
      headline: "11.2 percentage points of churn removed by forever-percent discounts",
    },
    requires: [],
    params: {},
  },
  {
    // #25 Monthly-to-Annual Conversion
    slug: "monthly-to-annual-conversion",
    name: "Monthly-to-Annual Conversion",
    stage: "monetize",
    family: "annual",
    scope: "customer",
    source: "seed 002 #25",
    trigger: { type: "score", kind: "annual_readiness", threshold: 65, direction: "up" },
    eligibility: [
      ...GOOD_STANDING,
      { fact: "billing_interval", is: "month" },
      { fact: "tenure_days", min: 60 },
      { fact: "has_discount", is: false },
    ],
    guardrails: {
      // #25: one annual offer per 90 days; never within 30 days of a dismissal.
      rateLimits: [{ max: 1, per: { days: 90 }, family: "annual" }],
      cooldownAfterDismissDays: 30,
      cooldownAfterDeclineDays: 30,
      collision: COLLIDE.offer,
      rules: rules(
        ["rate_limit", "At most one annual offer per subscriber per 90 days."],
        ["cooldown", "Never re-offer within 30 days of an explicit dismissal."],
        [
          "eligibility",
          "Active monthly subscription, 60+ days tenure, no payment failure, no pending cancellation.",
        ],
        ["collision", "Suppressed while a Cancel Flow, Payment Recovery or other upgrade offer is active."],
        ["offer_integrity", "Forever-percent on the annual term only; never stacked."],
      ),
    },
    steps: inAppThenEmail("annual.readiness_offer", 7),
    exits: exits({ converted: ["offer_accepted"], windowDays: 30 }),
    offer: { kind: "percent_forever", percent: { min: 5, default: 15, max: 30 } },
    success: {
      metric: "switched_to_annual",
      text: "Subscriber lifetime and revenue after switching",
      windowDays: 365,
    },
    evidence: {
      grade: "causal",
      confidence: "almost certainly causal: twin matching isolates the billing term itself",
      headline: "+189 days of subscriber lifetime and +$146 per subscriber",
    },
    requires: [],
    params: {
      threshold: { default: 65, min: 40, max: 95, text: "Annual-readiness score that opens the offer" },
    },
  },
  {
    // #26 Price Testing (advisory here: experiments need the pricing-page surface)
    slug: "price-testing",
    name: "Price Testing",
    stage: "monetize",
    scope: "org",
    source: "seed 002 #26",
    trigger: { type: "schedule", schedule: { kind: "every_days", days: 90 } },
    eligibility: [],
    guardrails: {
      rateLimits: [{ max: 1, per: { days: 90 } }],
      collision: COLLIDE.internal,
      rules: rules(
        ["subscriber_protection", "Existing subscribers never see a test price and are never repriced."],
        ["traffic_floor", "No winner before the cycle reaches its minimum traffic."],
        [
          "variant_bounds",
          "Variants within operator bounds, outside the $50–$100 dead zone; one experiment per plan.",
        ],
        ["operator_control", "Pause or kill any experiment; every cycle recorded in a ledger."],
      ),
    },
    steps: insightSteps("insight.price_test"),
    exits: orgExits,
    success: { metric: "arpu_new", text: "Revenue per new subscriber on the winning price", windowDays: 90 },
    evidence: {
      grade: "strong",
      confidence: "a strong portfolio-wide pattern: benchmark and price-response analysis, not a causal test",
      headline: "82 percent of company pricing sits suboptimally against similar-vertical peers",
    },
    requires: [],
    params: {
      deadZoneLow: { default: 50, min: 0, max: 1000, text: "Dead zone lower bound ($/month)" },
      deadZoneHigh: { default: 100, min: 0, max: 1000, text: "Dead zone upper bound ($/month)" },
    },
  },
  {
    // #27 Plan Structure Review
    slug: "plan-structure-review",
    name: "Plan Structure Review",
    stage: "monetize",
    scope: "org",
    source: "seed 002 #27",
    trigger: { type: "schedule", schedule: { kind: "every_days", days: 91 } },
    eligibility: [],
    guardrails: {
      rateLimits: [{ max: 1, per: { days: 91 } }],
      collision: COLLIDE.internal,
      rules: rules(
        [
          "advisory",
          "Never writes a price, plan or catalog change; every recommendation needs the operator.",
        ],
        ["peer_floor", "Never benchmark against fewer than the minimum number of peers."],
        ["transparency", "Every comparison labelled with peer-group size and dimension."],
        ["scope", "Reads the plan catalog and aggregates only; no subscriber data leaves."],
      ),
    },
    steps: insightSteps("insight.plan_structure"),
    exits: orgExits,
    success: { metric: "growth_rate", text: "Growth after the operator acts", windowDays: 180 },
    evidence: {
      grade: "strong",
      confidence:
        "a strong structural relationship in the benchmark data: correlational evidence, not a causal test",
      headline:
        "plan structure explains 94 percent of the variation in growth among companies with similar growth profiles",
    },
    requires: [],
    params: {
      minPeers: { default: 20, min: 5, max: 500, text: "Minimum peer companies in a comparison" },
      minSharePct: {
        default: 5,
        min: 1,
        max: 50,
        text: "Tiers under this share of live customers are reviewed",
      },
    },
  },
  {
    // #28 Tenure Loyalty Discounts
    slug: "tenure-loyalty-discounts",
    name: "Tenure Loyalty Discounts",
    stage: "monetize",
    scope: "customer",
    source: "seed 002 #28",
    trigger: { type: "schedule", schedule: { kind: "tenure_months", months: [12] } },
    eligibility: [...GOOD_STANDING, { fact: "has_discount", is: false }],
    guardrails: {
      // #28: one loyalty-pricing offer per subscriber lifetime.
      rateLimits: [],
      lifetimeCap: 1,
      collision: COLLIDE.offer,
      rules: rules(
        ["lifetime_cap", "One loyalty-pricing offer per subscriber lifetime."],
        ["eligibility", "Good standing, no existing discount, no payment failure, no pending cancellation."],
        ["offer_integrity", "Forever-percent within operator depth bounds; never stacked."],
        ["collision", "Suppressed while a Cancel Flow, Payment Recovery or other offer is active."],
      ),
    },
    steps: inAppThenEmail("loyalty.offer", 7),
    exits: exits({ converted: ["offer_accepted"], windowDays: 30 }),
    offer: { kind: "percent_forever", percent: { min: 5, default: 10, max: 25 } },
    success: {
      metric: "retained_365d",
      text: "Churn of milestone-offered subscribers against matched groups",
      windowDays: 365,
    },
    evidence: {
      grade: "causal",
      confidence: "almost certainly causal: twin matching isolates the discount from the loyalty it rewards",
      headline:
        "11.2 percentage points of churn removed by a forever-percent discount at the loyalty milestone",
    },
    requires: [],
    params: {
      milestoneMonth: { default: 12, min: 3, max: 60, text: "Tenure month where price sensitivity turns up" },
    },
  },
  {
    // #29 Revenue Concentration Alert
    slug: "revenue-concentration-alert",
    name: "Revenue Concentration Alert",
    stage: "monetize",
    scope: "org",
    source: "seed 002 #29",
    trigger: { type: "schedule", schedule: { kind: "every_days", days: 30 } },
    eligibility: [],
    guardrails: {
      rateLimits: [{ max: 1, per: { days: 30 } }],
      collision: COLLIDE.internal,
      rules: rules(
        ["advisory", "Never migrates a subscriber or changes a plan."],
        ["revenue_floor", "No flag until the revenue base makes mix percentages meaningful."],
        ["clearance_gap", "Clears below the line it fired on; follows up only on meaningful changes."],
        ["grounded", "Every suggested move names the usage fit or structural gap behind it."],
      ),
    },
    steps: insightSteps("insight.revenue_concentration"),
    exits: orgExits,
    success: {
      metric: "top_plan_share",
      text: "Top plan's share of revenue and growth after acting",
      windowDays: 180,
    },
    evidence: {
      grade: "strong",
      confidence:
        "a strong pattern across portfolios—diversification correlates with much faster growth, though this is correlation, not a matched-pair causal test",
      headline:
        "18.3 percent growth for diversified revenue portfolios versus 8.8 percent for concentrated ones",
    },
    requires: [],
    params: {
      sharePct: { default: 70, min: 50, max: 95, text: "One plan's share of revenue that raises the flag" },
      clearPct: { default: 65, min: 40, max: 95, text: "Share below which the flag clears" },
      revenueFloor: {
        default: 10_000,
        min: 0,
        max: 10_000_000,
        text: "Minimum monthly revenue before flagging",
      },
    },
  },
  {
    // #30 Seasonal Demand Pricing
    slug: "seasonal-demand-pricing",
    name: "Seasonal Demand Pricing",
    stage: "monetize",
    scope: "org",
    source: "seed 002 #30",
    trigger: { type: "schedule", schedule: { kind: "every_days", days: 30 } },
    eligibility: [],
    guardrails: {
      rateLimits: [{ max: 1, per: { days: 30 } }],
      collision: COLLIDE.internal,
      patternGate: "The measured seasonal swing is large and the year-over-year correlation high.",
      rules: rules(
        ["vertical_eligibility", "Only where the seasonal swing is large and recurs year over year."],
        ["window_integrity", "Windows declared in advance, time-boxed, visible before they open."],
        ["offer_bounds", "Depth within operator limits, never stacked; peaks hold full price."],
        ["subscriber_protection", "Existing subscriptions are never repriced."],
      ),
    },
    steps: insightSteps("insight.seasonal_window"),
    exits: orgExits,
    success: {
      metric: "season_yoy",
      text: "Window subscriptions and revenue against the same season last year",
      windowDays: 365,
    },
    evidence: {
      grade: "strong",
      confidence:
        "a strong, recurring pattern—the seasonal curve repeats nearly unchanged each year, though offer timing itself has not been causally tested",
      headline:
        "77 percent seasonal demand swing across the year in the education vertical, recurring at 0.91 year-over-year correlation",
    },
    requires: [],
    params: {
      minSwingPct: { default: 30, min: 10, max: 100, text: "Seasonal swing needed to open windows" },
      minYoyCorrelation: { default: 0.8, min: 0.5, max: 1, text: "Year-over-year correlation needed" },
    },
  },
  {
    // #31 Usage-Limit Upgrade Offers
    slug: "usage-limit-upgrade-offers",
    name: "Usage-Limit Upgrade Offers",
    stage: "monetize",
    scope: "customer",
    source: "seed 002 #31",
    trigger: { type: "event", events: ["limit_approaching", "limit_reached"] },
    eligibility: [...GOOD_STANDING, { fact: "higher_tier_available", is: true }],
    guardrails: {
      // #31: one prompt per limit per billing period at 80%; the 100% soft block persists, never destroys work.
      rateLimits: [{ max: 1, per: { key: "limit_period" } }],
      collision: COLLIDE.offer,
      rules: rules(
        ["rate_limit", "One upgrade prompt per limit per billing period at 80 percent."],
        [
          "soft_block",
          "At 100 percent a soft block with pay-to-continue that never destroys work in progress.",
        ],
        ["eligibility", "Active subscription with a higher tier; never mid-cancel or in Payment Recovery."],
        [
          "collision",
          "Several limits at once are one offer; suppressed while another offer or save flow is active.",
        ],
        ["price_integrity", "The quoted price is exactly the rest-of-period cost on the new plan."],
      ),
    },
    steps: [
      { id: "prompt", surface: "in_app", action: "limit.upgrade_prompt" },
      {
        id: "soft_block",
        surface: "in_app",
        action: "limit.soft_block_keep_work",
        on: "limit_reached",
        responsive: true,
      },
    ],
    // A declined prompt does not end the run: the soft block still comes at 100 percent.
    exits: exits({ converted: ["plan_upgraded"], declined: [], windowDays: 31 }),
    success: {
      metric: "upgraded_before_limit",
      text: "Conversion before the limit against after",
      windowDays: 31,
    },
    evidence: {
      grade: "validated",
      confidence: "validated at scale—the before-versus-after gap is large and consistent across the dataset",
      headline: "43 percent conversion when prompted before the limit, versus 5.5 percent after—an 8× margin",
    },
    requires: [],
    params: {
      promptAtPct: { default: 80, min: 50, max: 99, text: "Share of a limit that opens the prompt" },
    },
  },
];
