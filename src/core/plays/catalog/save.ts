import type { Tactic } from "../types.ts";
import { COLLIDE, exits, rules } from "./build.ts";

/** Seed 002 tactics #13-#22: the save stage (payment recovery and the cancel flow). */
export const SAVE: readonly Tactic[] = [
  {
    // #13 Bill the Right Person
    slug: "bill-the-right-person",
    name: "Bill the Right Person",
    stage: "save",
    family: "payment_recovery",
    scope: "customer",
    source: "seed 002 #13",
    trigger: { type: "event", events: ["payment_failed"] },
    eligibility: [{ fact: "open_payment_failure", is: true }],
    guardrails: {
      rateLimits: [{ max: 1, per: { key: "failure_episode" } }],
      collision: COLLIDE.paymentRecovery,
      rules: rules(
        ["declaration", "The billing contact is set explicitly by the org via the API, never inferred."],
        ["transparency", "The end user receives one courtesy notice that billing was contacted."],
        ["scope", "Billing-contact data is used for recovery messaging only."],
        ["fallback", "With no billing contact declared, recovery goes to the subscriber of record."],
      ),
    },
    steps: [
      { id: "billing_contact", surface: "email", action: "recovery.billing_contact" },
      {
        id: "courtesy_notice",
        surface: "email",
        action: "recovery.courtesy_notice",
        waitDays: 1,
        when: "always",
      },
      {
        id: "billing_contact_2",
        surface: "email",
        action: "recovery.billing_contact",
        waitDays: 4,
        when: "unanswered",
      },
    ],
    exits: exits({ converted: ["payment_recovered"], windowDays: 21 }),
    success: {
      metric: "payment_recovered",
      text: "Failed payments recovered within the episode",
      windowDays: 21,
    },
    evidence: {
      grade: "moderate",
      confidence:
        "directionally consistent across B2B recovery campaigns, though not yet isolated from campaign timing effects—hence the moderate grade",
      headline: "Routing dunning to the billing owner outperforms end-user delivery in B2B recovery",
    },
    requires: ["payment_page"],
    params: {},
  },
  {
    // #14 Dunning SMS
    slug: "dunning-sms",
    name: "Dunning SMS",
    stage: "save",
    family: "payment_recovery",
    scope: "customer",
    source: "seed 002 #14",
    trigger: { type: "event", events: ["payment_failed"] },
    eligibility: [{ fact: "open_payment_failure", is: true }],
    guardrails: {
      // #14: at most two SMS per failure episode; SMS consent; quiet hours in the subscriber's zone.
      rateLimits: [{ max: 1, per: { key: "failure_episode" } }],
      channelCaps: [{ channel: "sms", max: 2, per: { key: "failure_episode" } }],
      collision: COLLIDE.paymentRecovery,
      rules: rules(
        ["consent", "SMS only to subscribers who opted in; check your jurisdiction's requirements."],
        ["volume", "At most two SMS per failure episode."],
        ["actionability", "Every SMS carries the no-login payment link and an opt-out."],
        ["quiet_hours", "Respect quiet hours in the subscriber's timezone."],
      ),
    },
    steps: [
      { id: "email_1", surface: "email", action: "dunning.email" },
      { id: "sms_1", surface: "sms", action: "dunning.sms", waitDays: 2, when: "unanswered" },
      { id: "email_2", surface: "email", action: "dunning.email", waitDays: 3, when: "unanswered" },
      { id: "sms_2", surface: "sms", action: "dunning.sms", waitDays: 3, when: "unanswered" },
    ],
    exits: exits({ converted: ["payment_recovered"], windowDays: 21 }),
    success: {
      metric: "payment_recovered",
      text: "Recovery of SMS-plus-email against email-only",
      windowDays: 21,
    },
    evidence: {
      grade: "strong",
      confidence:
        "consistent multichannel lift across orgs—the channel-isolated effect varies by audience, with consumer membership subscribers showing the strongest response",
      headline: "SMS-plus-email recovery outperforms email-only, widest at consumer membership orgs",
    },
    requires: ["payment_page"],
    params: {
      maxSms: { default: 2, min: 0, max: 2, text: "SMS per failure episode" },
    },
  },
  {
    // #15 First-Screen Save Offer
    slug: "first-screen-save-offer",
    name: "First-Screen Save Offer",
    stage: "save",
    scope: "customer",
    source: "seed 002 #15",
    trigger: { type: "event", events: ["cancel_requested"] },
    eligibility: [],
    guardrails: {
      rateLimits: [{ max: 1, per: { days: 30 } }],
      collision: COLLIDE.cancelFlow,
      patternGate: "The org's measured discount-effectiveness profile is not negative.",
      rules: rules(
        ["survey_placement", "The exit survey runs after the offer decision, never as a gate."],
        ["offer_selection", "Discounts only where the org's own profile shows they help."],
        ["one_offer", "Never more than one offer screen before accepting the cancellation."],
        ["decline_path", "Declining leads to a working cancellation in at most two clicks."],
      ),
    },
    steps: [
      {
        id: "offer_screen",
        surface: "in_app",
        action: "cancel_flow.first_screen_offer",
        offer: true,
        responsive: true,
      },
    ],
    exits: exits({ converted: ["offer_accepted"], windowDays: 1 }),
    offer: { kind: "percent_forever", percent: { min: 10, default: 20, max: 40 } },
    success: { metric: "saved", text: "Cancel-flow saves still subscribed after 90 days", windowDays: 90 },
    evidence: {
      grade: "strong",
      confidence: "the direction is strong and consistent across tested orgs—the magnitude is org-dependent",
      headline: "Offer-first flow order outperforms survey-first in cancel-flow tests",
    },
    requires: ["cancel_flow"],
    params: {},
  },
  {
    // #16 Hidden Rescue Plan
    slug: "hidden-rescue-plan",
    name: "Hidden Rescue Plan",
    stage: "save",
    scope: "customer",
    source: "seed 002 #16",
    trigger: { type: "event", events: ["cancel_reason_price"] },
    eligibility: [],
    guardrails: {
      // #16: one rescue-plan move per subscriber per year.
      rateLimits: [{ max: 1, per: { days: 365 } }],
      collision: COLLIDE.cancelFlow,
      rules: rules(
        ["real_plan", "The rescue plan is billed, supported and operable indefinitely."],
        ["reason_gated", "Offered only on price-driven cancel reasons."],
        ["rate_limit", "One rescue-plan move per subscriber per year."],
        ["price_integrity", "Never on the public pricing page; exists only inside the save moment."],
      ),
    },
    steps: [
      {
        id: "rescue_offer",
        surface: "in_app",
        action: "cancel_flow.rescue_plan",
        offer: true,
        responsive: true,
      },
    ],
    exits: exits({ converted: ["offer_accepted"], windowDays: 1 }),
    offer: { kind: "rescue_plan", percent: { min: 10, default: 30, max: 60 } },
    success: { metric: "saved", text: "Right-sized saves still subscribed after 180 days", windowDays: 180 },
    evidence: {
      grade: "validated",
      confidence:
        "the right-sizing advantage replicates across orgs running both offer types in live Cancel Flows",
      headline: "Plan right-sizing outperforms price-cutting at the save moment",
    },
    requires: ["cancel_flow"],
    params: {},
  },
  {
    // #17 No-Login Payment Update
    slug: "no-login-payment-update",
    name: "No-Login Payment Update",
    stage: "save",
    family: "payment_recovery",
    scope: "customer",
    source: "seed 002 #17",
    trigger: { type: "event", events: ["payment_failed"] },
    eligibility: [{ fact: "open_payment_failure", is: true }],
    guardrails: {
      rateLimits: [{ max: 1, per: { key: "failure_episode" } }],
      collision: COLLIDE.paymentRecovery,
      rules: rules(
        ["scope", "Links are single-purpose and expire: one subscription's payment, nothing else."],
        ["privacy", "The page shows nothing beyond the failed invoice."],
        ["legitimacy", "The page lives on the org's own payment-update domain."],
        ["consistency", "Every channel carries the same link."],
      ),
    },
    steps: [{ id: "link_email", surface: "email", action: "recovery.payment_link" }],
    exits: exits({ converted: ["payment_recovered"], windowDays: 21 }),
    success: {
      metric: "payment_recovered",
      text: "Recovery completion through the hosted page",
      windowDays: 21,
    },
    evidence: {
      grade: "strong",
      confidence:
        "consistent direction across orgs—the magnitude depends on how much friction the baseline billing page imposed",
      headline: "Removing the login wall from payment update measurably lifts recovery completion",
    },
    requires: ["payment_page"],
    params: {
      linkHours: { default: 72, min: 1, max: 336, text: "Hours before a payment link expires" },
    },
  },
  {
    // #18 Pause Offer at Cancellation
    slug: "pause-offer-at-cancellation",
    name: "Pause Offer at Cancellation",
    stage: "save",
    scope: "customer",
    source: "seed 002 #18",
    trigger: { type: "event", events: ["cancel_requested"] },
    eligibility: [{ fact: "subscription_status", in: ["active"] }],
    guardrails: {
      // #18: pause before any discount; cap consecutive pauses (offers ledger pause cap).
      rateLimits: [{ max: 2, per: { days: 365 } }],
      collision: COLLIDE.cancelFlow,
      rules: rules(
        ["order", "Pause comes before any discount; a discount may follow a declined pause."],
        ["clarity", "Pause length, resume date and billing behavior are stated on the screen."],
        ["pause_cap", "Consecutive pauses are capped so the pause stays a bridge."],
        ["resume", "Resume-day messaging returns the subscriber to product value."],
      ),
    },
    steps: [
      {
        id: "pause_offer",
        surface: "in_app",
        action: "cancel_flow.pause_offer",
        offer: true,
        responsive: true,
      },
      { id: "resume_message", surface: "email", action: "pause.resume_day", waitDays: 30, when: "always" },
    ],
    exits: exits({ converted: ["subscription_resumed"], windowDays: 100 }),
    offer: { kind: "pause", months: { min: 1, default: 1, max: 3 } },
    success: { metric: "resumed", text: "Paused subscribers who resume", windowDays: 120 },
    evidence: {
      grade: "validated",
      confidence:
        "measured intervention outcomes across the platform—the pause-versus-discount gap replicates at org after org",
      headline: "54 percent of paused subscribers resume, against 22 percent retention on save-discounts",
    },
    requires: ["cancel_flow"],
    params: {},
  },
  {
    // #19 Pause Wall
    slug: "pause-wall",
    name: "Pause Wall",
    stage: "save",
    scope: "customer",
    source: "seed 002 #19",
    trigger: { type: "event", events: ["paused_session"] },
    eligibility: [{ fact: "subscription_status", in: ["paused"] }],
    guardrails: {
      rateLimits: [{ max: 1, per: { key: "session" } }],
      collision: COLLIDE.cancelFlow,
      stages: ["onboarding", "active", "at_risk", "advocate", "churned"],
      rules: rules(
        ["transparency", "The wall shows the resume date and a way to contact support."],
        ["data_access", "Account-data export is never blocked by the wall."],
        ["term_integrity", "Pause terms on the wall match what was promised."],
        ["instant_resume", "Resume restores access immediately."],
      ),
    },
    steps: [{ id: "wall", surface: "in_app", action: "pause.wall", responsive: true }],
    exits: exits({ converted: ["subscription_resumed"], windowDays: 1 }),
    success: {
      metric: "resumed",
      text: "Resume rate of paused subscribers meeting the wall",
      windowDays: 90,
    },
    evidence: {
      grade: "strong",
      confidence:
        "measured outcomes across the platform—the wall’s isolated contribution is not separately randomized, so the grade is strong rather than causal",
      headline: "Resume rates run 43 to 89 percent by org—configuration is most of the gap",
    },
    requires: ["wall"],
    params: {},
  },
  {
    // #20 Payment Failure Wall
    slug: "payment-failure-wall",
    name: "Payment Failure Wall",
    stage: "save",
    family: "payment_recovery",
    scope: "customer",
    source: "seed 002 #20",
    trigger: { type: "event", events: ["payment_failed"] },
    eligibility: [{ fact: "open_payment_failure", is: true }],
    guardrails: {
      rateLimits: [{ max: 1, per: { key: "failure_episode" } }],
      collision: COLLIDE.paymentRecovery,
      rules: rules(
        ["grace", "A grace period and at least one retry before walling access."],
        ["clarity", "States what failed, what it costs and what happens on success."],
        ["restoration", "Access restores immediately on successful payment."],
        ["coverage", "The email sequence keeps running in parallel."],
      ),
    },
    steps: [
      { id: "notice", surface: "email", action: "recovery.failure_notice" },
      {
        id: "wall",
        surface: "in_app",
        action: "recovery.payment_wall",
        waitDays: 3,
        when: "unanswered",
        responsive: true,
      },
    ],
    exits: exits({ converted: ["payment_recovered"], windowDays: 30 }),
    success: { metric: "payment_recovered", text: "Failed payments recovered with the wall", windowDays: 30 },
    evidence: {
      grade: "validated",
      confidence:
        "measured recovery outcomes replicated across orgs—the wall converts recovery from an email problem into an in-product moment",
      headline: "57 to 83 percent of failed payments recovered by org with wall-backed campaigns",
    },
    requires: ["wall", "payment_page"],
    params: {
      graceDays: { default: 3, min: 1, max: 14, text: "Grace days before the wall" },
    },
  },
  {
    // #21 Reason-Matched Save Offers
    slug: "reason-matched-save-offers",
    name: "Reason-Matched Save Offers",
    stage: "save",
    scope: "customer",
    source: "seed 002 #21",
    trigger: { type: "event", events: ["cancel_requested"] },
    eligibility: [],
    guardrails: {
      rateLimits: [{ max: 1, per: { days: 30 } }],
      collision: COLLIDE.cancelFlow,
      rules: rules(
        ["friction", "One tap from a fixed reason list, never free text as a gate."],
        ["coverage", "Every reason has a route, including a fast path to cancel."],
        ["analytics", "Reasons are recorded even when no offer is accepted."],
        ["restraint", "Switching tools is never routed to a discount reflexively."],
      ),
    },
    steps: [{ id: "reason", surface: "in_app", action: "cancel_flow.reason_question", responsive: true }],
    exits: exits({ converted: ["offer_accepted"], windowDays: 1 }),
    success: { metric: "saved", text: "Saves by cancel reason", windowDays: 90 },
    evidence: {
      grade: "strong",
      confidence:
        "the direction is consistent across orgs running structured Cancel Flows—the magnitude varies with each org’s mix of cancel reasons",
      headline: "Reason-routed offers outperform one-size-fits-all offers in Cancel Flows",
    },
    requires: ["cancel_flow"],
    params: {},
  },
  {
    // #22 Recovery Discount in Dunning
    slug: "recovery-discount-in-dunning",
    name: "Recovery Discount in Dunning",
    stage: "save",
    family: "payment_recovery",
    scope: "customer",
    source: "seed 002 #22",
    trigger: { type: "event", events: ["payment_failed"] },
    eligibility: [{ fact: "open_payment_failure", is: true }],
    guardrails: {
      // #22: late, after at least two non-discount attempts; next cycle only; never stacked.
      rateLimits: [{ max: 1, per: { key: "failure_episode" } }],
      collision: COLLIDE.paymentRecovery,
      patternGate: "The org's own discount-effectiveness profile is not negative.",
      rules: rules(
        ["position", "Late in the sequence, after at least two non-discount attempts."],
        ["pre_check", "Disabled at orgs where discounts hurt."],
        ["scope", "Next cycle only, never silently recurring."],
        ["exclusivity", "Never stacked with another promotion; one concession per recovery."],
      ),
    },
    steps: [
      {
        id: "discount_email",
        surface: "email",
        action: "dunning.recovery_discount",
        waitDays: 10,
        offer: true,
      },
    ],
    exits: exits({ converted: ["payment_recovered"], windowDays: 21 }),
    offer: {
      kind: "percent_cycles",
      percent: { min: 10, default: 20, max: 30 },
      cycles: { min: 1, default: 1, max: 1 },
    },
    success: { metric: "payment_recovered", text: "Late-stage recoveries with the discount", windowDays: 21 },
    evidence: {
      grade: "strong",
      confidence:
        "the org-level heterogeneity is the finding—the discount only earns its place at orgs where the data says discounts help",
      headline:
        "Discounts help at 55 percent of orgs, are neutral at 26 percent, and hurt at 19 percent—measure before you standardize",
    },
    requires: ["payment_page"],
    params: {
      afterDays: { default: 10, min: 5, max: 21, text: "Days into the episode before the discount" },
    },
  },
];
