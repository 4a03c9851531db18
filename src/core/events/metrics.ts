/**
 * The daily rollup vocabulary: what events become, per (customer, day, metric, key).
 * Signals and scores read only these rollups, never raw events.
 *
 * `sum` metrics add up over the day; `max` metrics are gauges (the highest reading of the day).
 * `key` is "" unless stated. A day is active when it has sessions, feature use, API calls or
 * page views (no separate activity cell: one fewer write per event).
 */
export const METRICS = {
  /** session_start events. */
  sessions: "sum",
  /** feature_used: count, key = feature name. */
  feature_uses: "sum",
  /** feature_used: count, key = feature category. */
  category_uses: "sum",
  /** feature_used: duration_secs summed. */
  usage_secs: "sum",
  /** feature_used: errors summed. */
  errors: "sum",
  /** api_calls: count summed. */
  api_calls: "sum",
  /** page_view: one per view, key = page (billing, pricing, help, settings, integrations, cancel, ...). */
  page_views: "sum",
  /** integration_connected: key = integration name. */
  integrations_connected: "sum",
  /** usage_metered: the meter's reading in its billing period, key = meter. */
  meter_value: "max",
  /** usage_metered: the plan limit of the meter, key = meter. */
  meter_limit: "max",
  /** ticket_opened events. */
  tickets_opened: "sum",
  /** nps_response events (the answers themselves are kept in nps_responses). */
  nps_responses: "sum",
  /** invoice_paid events; key "" . */
  invoices_paid: "sum",
  /** invoice_payment_failed events. */
  payments_failed: "sum",
  /** plan_changed to a higher-ranked plan. */
  upgrades: "sum",
  /** plan_changed to a lower-ranked plan. */
  downgrades: "sum",
  /** offer_seen / offer_dismissed / offer_accepted, key = offer id. */
  offers_seen: "sum",
  offers_dismissed: "sum",
  offers_accepted: "sum",
} as const satisfies Record<string, "sum" | "max">;

export type Metric = keyof typeof METRICS;
export const METRIC_NAMES = Object.keys(METRICS) as Metric[];

/** One rollup cell. */
export interface DailyMetric {
  day: string;
  metric: Metric;
  key: string;
  value: number;
}
