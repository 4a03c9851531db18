import type { EarlyWarningConfig, ReasonKind } from "../early-warning/config.ts";

/** One reason in the brief: the rule (signal) that fired, its category, its points and its words. */
export interface BriefReason {
  rule: string;
  /** The category actions, checklist steps and drafts are chosen by (usage, support, intent, ...). */
  kind: string;
  points: number;
  text: string;
}

/** One signal of a stored score (the shape every kind keeps). */
export interface WhySignal {
  name: string;
  effect?: number | undefined;
  text?: string | undefined;
}

/**
 * The category of each churn-risk signal, so the brief proposes the same kind of actions and
 * checklist steps as early warning does for the same facts. Signals not listed (steady, coverage)
 * are no reason to act.
 */
export const CHURN_RISK_CATEGORY: Readonly<Record<string, ReasonKind | "billing">> = {
  sessions_vs_baseline: "usage",
  feature_use_drop: "usage",
  api_calls_wow: "usage",
  feature_breadth: "usage",
  inactive_days: "usage",
  active_days_30: "usage",
  ticket_sentiment: "support",
  churn_intent: "intent",
  cancel_page: "intent",
  downgrade: "downgrade",
  nps: "satisfaction",
  payments_failed: "billing",
  subscription_status: "billing",
};

/** Actions for billing trouble (churn risk's failed payments, paused or past-due subscription). */
const BILLING_ACTIONS = [
  "Confirm the payment method with the billing contact",
  "Agree a plan for the open invoice before the next renewal",
];

/** The only actions once a customer has churned: win it back. */
export const WIN_BACK_ACTIONS: readonly string[] = [
  "Ask for feedback on why they left",
  "Share what has changed since they left and offer a call",
  "Offer a win-back plan fitted to the churn reason",
];

export interface WhyInput {
  /** The headline score kind (config scores.headline). */
  kind: "churn_risk" | "early_warning";
  status: string | null;
  /** The headline score's signals, strongest first (empty when unscored). */
  signals: readonly WhySignal[];
  /** Early warning's stored reasons and actions (used when early warning is the headline). */
  earlyWarning: { reasons: readonly BriefReason[]; actions: readonly string[] };
  config: Pick<EarlyWarningConfig, "actions" | "defaultAction" | "topActions">;
}

export interface Why {
  reasons: BriefReason[];
  actions: string[];
  /** The reason kinds the checklist is planned from ("winback" once churned). */
  checklistKinds: string[];
}

/**
 * Why the customer is where the brief's opening sentence says, and what to do, from the
 * headline score (so the sentence, the level chip and the reasons agree). A churned customer
 * has no live risk: no reasons, win-back actions only.
 */
export function headlineWhy(w: WhyInput): Why {
  if (w.status === "churned")
    return { reasons: [], actions: [...WIN_BACK_ACTIONS], checklistKinds: ["winback"] };
  if (w.kind === "early_warning") {
    return {
      reasons: [...w.earlyWarning.reasons],
      actions: [...w.earlyWarning.actions],
      checklistKinds: w.earlyWarning.reasons.map((r) => r.kind),
    };
  }
  const reasons: BriefReason[] = [];
  for (const s of w.signals) {
    const kind = CHURN_RISK_CATEGORY[s.name];
    if (!kind || !s.text || (s.effect ?? 0) <= 0) continue;
    reasons.push({ rule: s.name, kind, points: s.effect ?? 0, text: s.text });
  }
  const kinds = new Set(reasons.map((r) => r.kind));
  const actions: string[] = [];
  // In early warning's configured kind order, then billing; each action once.
  for (const [kind, list] of Object.entries(w.config.actions)) {
    if (kinds.has(kind)) for (const a of list ?? []) if (!actions.includes(a)) actions.push(a);
  }
  if (kinds.has("billing")) actions.push(...BILLING_ACTIONS);
  return {
    reasons,
    actions: actions.length > 0 ? actions.slice(0, w.config.topActions) : [w.config.defaultAction],
    checklistKinds: reasons.map((r) => r.kind),
  };
}
