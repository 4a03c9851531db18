/**
 * Typed, validated search params of the routes (zod): a value that does not fit is dropped (the
 * page's default applies), so a hand-edited address never breaks a page.
 */
import { z } from "zod/mini";
import {
  CHURN_RISK_TIERS,
  CUSTOMER_SORT_VALUES,
  HEALTH_BANDS,
  LIFECYCLE_STAGES,
  RISK_LEVELS,
  UPGRADE_READINESS,
} from "./api/types.ts";

const text = z.catch(z.optional(z.string()), undefined);
const oneOf = <T extends readonly [string, ...string[]]>(values: T) =>
  z.catch(z.optional(z.enum(values)), undefined);

/** The At-Risk list: filters, sort, page cursor, and the customer whose brief is open. */
export const atRiskSearch = z.object({
  book: oneOf(["live", "churned", "all"] as const),
  status: oneOf(["active", "trialing", "paused", "past_due", "churned"] as const),
  driver: text,
  plan_tier: text,
  risk_level: oneOf([...CHURN_RISK_TIERS, ...RISK_LEVELS] as const),
  min_arr: z.catch(
    z.optional(z.string().check(z.regex(/^\d+(\.\d+)?$/, "a non-negative number"))),
    undefined,
  ),
  churned: oneOf(["true", "false"] as const),
  q: text,
  churn_risk_tier: oneOf(CHURN_RISK_TIERS),
  health_band: oneOf(HEALTH_BANDS),
  lifecycle_stage: oneOf(LIFECYCLE_STAGES),
  upgrade_readiness: oneOf(UPGRADE_READINESS),
  usage_limits: oneOf(["ok", "near_limit", "over_limit"] as const),
  usage_trend: oneOf(["growing", "flat", "declining"] as const),
  sort: oneOf(CUSTOMER_SORT_VALUES),
  cursor: text,
  customer: text,
});
export type AtRiskSearch = z.infer<typeof atRiskSearch>;

/** A customer page: `back` is the At-Risk list's query string to return to. */
export const customerSearch = z.object({ back: text });
export type CustomerSearch = z.infer<typeof customerSearch>;

export const TICKET_SHOWS = ["all", "unlinked", "churn"] as const;
export const ticketsSearch = z.object({ show: oneOf(TICKET_SHOWS) });
export type TicketsSearch = z.infer<typeof ticketsSearch>;

/** Search strings as plain `a=b&c=d` (no JSON quoting), so addresses stay readable and stable. */
export function parseSearch(s: string): Record<string, string> {
  return Object.fromEntries(new URLSearchParams(s.startsWith("?") ? s.slice(1) : s));
}

export function stringifySearch(search: Record<string, unknown>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(search))
    if (v !== undefined && v !== null && v !== "") q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : "";
}
