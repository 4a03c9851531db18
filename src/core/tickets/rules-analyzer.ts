/**
 * The default ticket analyzer: in process, no model download, deterministic, ~20 µs a ticket.
 * It reads `cleanTicketText(text)` and combines churn-intent.ts (leave-expressions with negation
 * scope), category.ts (weighted lexicons) and sentiment.ts (wink-sentiment plus complaint cues).
 *
 * Label policy (the evaluation set eval-set.jsonl is labelled by it):
 *
 * churn_intent is true when the customer says they will, want to, or may end or shrink their
 * relationship with us:
 * - cancelling, ending, terminating or not renewing the subscription, plan, contract or trial;
 *   closing, deleting or deactivating their own account or workspace; downgrading to a lower plan;
 *   switching or moving to a competitor or "something cheaper"; looking at alternatives, other
 *   vendors or other options; "we're done", "I'm out", "this is the last straw", "jump ship".
 * - hedged or conditional forms count ("may downgrade or cancel", "might have to look at
 *   alternatives", "considering other options", "if this isn't fixed by Friday we're cancelling",
 *   "not sure we'll renew", "evaluating whether to renew");
 * - asking how to leave counts ("how do I cancel my subscription?", "what's the process to leave?").
 * It is false for:
 * - negated leaving ("we are not planning to cancel", "no intention of leaving", "we won't switch");
 * - cancelling or closing something else ("how do I cancel a single invoice?", "cancel the meeting
 *   invite", "cancel the scheduled export", "close ticket #12", "delete the test account", "close
 *   the account of a former employee", "downgrade a user to viewer", "unsubscribe from emails");
 * - moves that are not away from us ("switch to annual billing", "move to the Enterprise plan",
 *   "we're moving from Trello to your tool", "we're moving offices");
 * - past, resolved episodes ("we almost cancelled last year but...", "I was going to cancel, but
 *   your team fixed it").
 *
 * category is the topic the customer needs handled; a leaving ticket takes the category of its
 * reason (price: billing, crashes: bug, slowness: performance, missing feature: feature_request,
 * support or relationship: other), and a reasonless cancellation of the subscription is billing,
 * of the account is account. Managing users, logins and permissions is account. Buying more
 * (seats, licenses, add-ons, a bigger plan, annual or multi-year terms) is expansion, never
 * billing. sentiment: see sentiment.ts.
 */
import {
  type AnalysisResult,
  cleanTicketText,
  type TicketAnalysis,
  type TicketAnalyzer,
} from "./analysis.ts";
import { classifyCategory, type TicketCategory } from "./category.ts";
import { detectChurnIntent } from "./churn-intent.ts";
import { classifySentiment } from "./sentiment.ts";

/** Bump whenever a lexicon, a rule or the label policy changes (it is part of the cache key). */
export const RULES_VERSION = "rules-2";

const GREETING =
  /^(?:(?:hi|hello|hey|dear|hola|bonjour|hallo|good (?:morning|afternoon|evening))\b[^.!?,:\n]{0,30}[,.!:]\s*)+/i;
const SENTENCE = /^.*?[.!?](?=\s|$)/;
const SUMMARY_WORDS = 12;
const SUMMARY_CHARS = 120;

/** First sentence (greeting skipped), or its first 12 words; at most 120 characters. */
export function summarize(text: string): string {
  const body = text.replace(GREETING, "").trim() || text;
  const first = (SENTENCE.exec(body)?.[0] ?? body).trim();
  const words = first.split(" ");
  let s = words.length > SUMMARY_WORDS ? `${words.slice(0, SUMMARY_WORDS).join(" ")}…` : first;
  if (s.length > SUMMARY_CHARS) s = `${s.slice(0, SUMMARY_CHARS - 1).trimEnd()}…`;
  return s || "(empty ticket)";
}

const ACTIONS: Record<TicketCategory, { churn: string; routine: string }> = {
  billing: {
    churn: "Offer a plan-fit discussion or value review before renewal",
    routine: "Resolve the billing question and confirm the corrected invoice or charge",
  },
  bug: {
    churn: "Escalate the defect, give a fix date and have the account owner call before they decide",
    routine: "Confirm the fix timeline and follow up when resolved",
  },
  performance: {
    churn: "Escalate the slowdown and have the account owner call with a remediation plan",
    routine: "Investigate the slowdown, share findings and follow up when it is resolved",
  },
  onboarding: {
    churn: "Offer a guided setup session with a specialist and agree a success plan",
    routine: "Send the relevant setup guide and offer an onboarding session",
  },
  feature_request: {
    churn: "Share the roadmap for the missing capability and review workarounds with the account owner",
    routine: "Log the request on the roadmap and tell the customer how it will be tracked",
  },
  account: {
    churn: "Have the account owner call before closing the account to learn why and offer a plan-fit review",
    routine: "Resolve the account or access request and confirm with the user",
  },
  expansion: {
    // Never a billing dispute: the customer wants more; sales and the account owner answer.
    churn: "Have the account owner call to understand what changed before confirming the order",
    routine: "Pass the expansion request to the account owner with a quote within one business day",
  },
  other: {
    churn: "Have the account owner call within a day to understand the reason and agree a save plan",
    routine: "Route to the right team and reply within the support SLA",
  },
};

export function recommendAction(category: TicketCategory, churnIntent: boolean): string {
  const a = ACTIONS[category];
  return churnIntent ? a.churn : a.routine;
}

/** Pure and synchronous: the same text always yields the same analysis. */
export function analyzeTicketText(text: string): TicketAnalysis {
  const clean = cleanTicketText(text);
  const churn_intent = detectChurnIntent(clean);
  const category = classifyCategory(clean, churn_intent);
  return {
    summary: summarize(clean),
    category,
    sentiment: classifySentiment(clean, churn_intent),
    churn_intent,
    recommended_action: recommendAction(category, churn_intent),
  };
}

export function createRulesAnalyzer(): TicketAnalyzer {
  return {
    name: "rules",
    version: RULES_VERSION,
    async analyze(text: string): Promise<AnalysisResult> {
      try {
        return { ok: true, analysis: analyzeTicketText(text), analyzer: "rules", version: RULES_VERSION };
      } catch (e) {
        return {
          ok: false,
          error: e instanceof Error ? e.message : String(e),
          analyzer: "rules",
          version: RULES_VERSION,
        };
      }
    },
  };
}
