import type { HeadlineKind } from "../core/customers/list-filters.ts";
import { AT_RISK_LEVELS, HEADLINE_LABELS } from "../core/report/book.ts";

export type { HeadlineKind } from "../core/customers/list-filters.ts";

/**
 * The org's headline risk score (config `scores.headline`): churn risk by default (0-100, tiers
 * low/medium/high/critical), or seed 004's early warning. The brief, the reports and the list
 * read it from here.
 */
export const headlineKind = (config: { scores: { headline: HeadlineKind } }): HeadlineKind =>
  config.scores.headline;

/** The headline score's key and its words ({key: "churn_risk", label: "Churn risk"}). */
export function headlineRef(config: { scores: { headline: HeadlineKind } }): {
  key: HeadlineKind;
  label: string;
} {
  const key = headlineKind(config);
  return { key, label: HEADLINE_LABELS[key] };
}

/** The headline levels whose ARR counts as at risk (churn risk: high and critical; early warning: High). */
export const atRiskLevels = (kind: HeadlineKind): readonly string[] => AT_RISK_LEVELS[kind];
