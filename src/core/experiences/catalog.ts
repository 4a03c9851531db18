/**
 * What each in-app action of the plays catalog looks like to the end user: its kind, the moments
 * it may be shown at, and its words. `{terms}` in a title or body is replaced by the offer's
 * terms from the ledger. Every in_app step of the catalog has an entry (catalog test).
 */

export const MOMENTS = [
  "session_start",
  "pricing_page",
  "task_complete",
  "billing_page",
  "limit_reached",
  "cancel_click",
  "paused_session",
] as const;
export type Moment = (typeof MOMENTS)[number];

export const EXPERIENCE_KINDS = ["walkthrough", "banner", "modal_offer", "checklist", "wall"] as const;
export type ExperienceKind = (typeof EXPERIENCE_KINDS)[number];
/** Kinds drawn over the page: at most one is answered at a time. */
export const MODAL_KINDS: readonly ExperienceKind[] = ["modal_offer", "wall"];

export interface ExperienceCopy {
  kind: ExperienceKind;
  moments: readonly Moment[];
  title: string;
  body: string;
  cta: string;
  dismiss: string;
  /** Walkthrough steps or checklist items. */
  items?: readonly string[];
}

const c = (
  kind: ExperienceKind,
  moments: readonly Moment[],
  title: string,
  body: string,
  cta: string,
  dismiss = "Not now",
  items?: readonly string[],
): ExperienceCopy => ({ kind, moments, title, body, cta, dismiss, ...(items ? { items } : {}) });

const OFFER_MOMENTS: readonly Moment[] = ["session_start", "pricing_page", "billing_page"];

export const EXPERIENCE_COPY: Readonly<Record<string, ExperienceCopy>> = {
  "activation.walkthrough": c(
    "walkthrough",
    ["session_start", "task_complete"],
    "Get set up in three steps",
    "Most teams see value once these are done.",
    "Start the tour",
    "Skip",
    ["Connect your data", "Invite a teammate", "Create your first project"],
  ),
  "confusion.help_popup": c(
    "banner",
    ["session_start", "task_complete"],
    "Need a hand?",
    "Our guides answer the questions teams ask most, or talk to us.",
    "Open the guides",
  ),
  "free_to_paid.pitch": c(
    "banner",
    ["session_start", "pricing_page", "limit_reached"],
    "Do more on a paid plan",
    "Unlock higher limits and the features your team has been reaching for.",
    "See plans",
  ),
  "trial_conversion.offer": c(
    "modal_offer",
    OFFER_MOMENTS,
    "Keep going after your trial",
    "Subscribe now: {terms}.",
    "Claim the offer",
  ),
  "trial_extension.offer": c(
    "modal_offer",
    ["cancel_click", "billing_page"],
    "Need more time to decide?",
    "Take {terms}, on us.",
    "Extend my trial",
    "No thanks",
  ),
  "annual.staged_offer": c(
    "modal_offer",
    [...OFFER_MOMENTS, "task_complete"],
    "Switch to annual and save",
    "Move to yearly billing: {terms}.",
    "Switch to annual",
  ),
  "rising_usage.offer": c(
    "banner",
    ["session_start", "task_complete", "pricing_page"],
    "Your team is growing fast",
    "The next plan gives you room to keep growing.",
    "Compare plans",
  ),
  "upgrade_moment.prompt": c(
    "banner",
    ["task_complete", "limit_reached", "pricing_page"],
    "Ready for the next plan?",
    "You are using what the next tier was built for.",
    "See what's included",
  ),
  "discovery.next_category": c(
    "checklist",
    ["session_start", "task_complete"],
    "Try something new",
    "Teams like yours get more out of these.",
    "Show me",
    "Hide",
    ["Set up an automation", "Build a shared dashboard", "Connect an integration"],
  ),
  "post_upgrade.onboarding": c(
    "checklist",
    ["session_start", "task_complete"],
    "Make the most of your new plan",
    "A few things your upgrade unlocked.",
    "Take a look",
    "Hide",
    ["Turn on the premium features", "Invite the rest of your team", "Set up advanced reporting"],
  ),
  "upgrade_timing.prompt": c(
    "banner",
    ["task_complete", "pricing_page"],
    "Nice work",
    "Upgrade to keep this momentum across your whole team.",
    "See plans",
  ),
  "cancel_flow.first_screen_offer": c(
    "modal_offer",
    ["cancel_click"],
    "Before you go",
    "Stay with us and get {terms}.",
    "Stay and save",
    "Continue cancelling",
  ),
  "cancel_flow.rescue_plan": c(
    "modal_offer",
    ["cancel_click"],
    "A plan that fits your budget",
    "Keep your account on a lighter plan: {terms}.",
    "Switch plans",
    "Continue cancelling",
  ),
  "cancel_flow.pause_offer": c(
    "modal_offer",
    ["cancel_click"],
    "Pause instead of cancelling",
    "Keep your data and settings: {terms}.",
    "Pause my subscription",
    "Continue cancelling",
  ),
  "cancel_flow.reason_question": c(
    "modal_offer",
    ["cancel_click"],
    "What is the main reason you are leaving?",
    "Your answer helps us offer the right next step.",
    "Tell us",
    "Skip",
  ),
  "pause.wall": c(
    "wall",
    ["session_start", "paused_session"],
    "Your subscription is paused",
    "Resume any time to pick up where you left off.",
    "Resume now",
    "Later",
  ),
  "recovery.payment_wall": c(
    "wall",
    ["session_start", "billing_page"],
    "Your last payment did not go through",
    "Update your payment method to keep your account active.",
    "Update payment method",
    "Remind me later",
  ),
  "annual.readiness_offer": c(
    "modal_offer",
    OFFER_MOMENTS,
    "Save with annual billing",
    "You have been with us a while: {terms} when you switch to yearly.",
    "Switch to annual",
  ),
  "loyalty.offer": c(
    "modal_offer",
    ["session_start", "billing_page"],
    "Thank you for staying with us",
    "A loyalty reward for you: {terms}.",
    "Claim my reward",
  ),
  "limit.upgrade_prompt": c(
    "banner",
    ["limit_reached", "session_start", "task_complete"],
    "You are close to your plan's limit",
    "Upgrade to keep working without interruption.",
    "Raise my limit",
  ),
  "limit.soft_block_keep_work": c(
    "wall",
    ["limit_reached"],
    "You have reached your plan's limit",
    "Your work is saved. Upgrade to keep adding more.",
    "Upgrade",
    "Keep my work, decide later",
  ),
  "welcome_back.first_screen": c(
    "modal_offer",
    ["session_start"],
    "Welcome back",
    "Good to see you again: {terms} if you come back today.",
    "Reactivate",
  ),
  "intervention.check_in": c(
    "banner",
    ["session_start"],
    "How is it going?",
    "Your success manager would like to help you get more done. Book a short call?",
    "Book a call",
  ),
  "resources.highlight": c(
    "banner",
    ["session_start", "task_complete"],
    "Resources picked for you",
    "Short guides for what your team is working on.",
    "Read the guides",
  ),
  "upsell.limit_nudge": c(
    "banner",
    ["session_start", "limit_reached", "pricing_page"],
    "Running out of room?",
    "The next plan raises your limits.",
    "Compare plans",
  ),
  "upsell.velocity_nudge": c(
    "banner",
    ["session_start", "task_complete", "pricing_page"],
    "You are moving fast",
    "A bigger plan keeps up with your team.",
    "Compare plans",
  ),
};

/** An action without copy (a catalog added after this file) is a plain banner at session start. */
export function copyOf(action: string): ExperienceCopy {
  return (
    EXPERIENCE_COPY[action] ??
    c("banner", ["session_start"], "A message for you", "We have something that may help.", "Learn more")
  );
}
