import { addDays } from "../util/dates.ts";
import type { ScoresConfig } from "./config.ts";
import { type ScoreResult, strongestFirst, unscored } from "./result.ts";
import { clamp, pct, type Signals } from "./signals.ts";

/**
 * Usage-limit proximity per meter (value / limit; near at 80%) with a projected overrun date
 * from the last 14 days' growth. Score = the highest proximity in percent (capped at 100).
 */
export function usageLimits(s: Signals, asOf: string, c: ScoresConfig["usageLimits"]): ScoreResult {
  const meters = s.meters.filter((m) => m.limit !== null && m.limit > 0);
  if (meters.length === 0) return unscored("usage_limits", "No metered usage against a plan limit");
  const detail = meters.map((m) => {
    const limit = m.limit as number;
    const proximity = m.value / limit;
    const perDay = m.value14 !== null ? (m.value - m.value14) / 14 : 0;
    const daysLeft = perDay > 0 && m.value < limit ? Math.ceil((limit - m.value) / perDay) : null;
    const overrunOn = daysLeft !== null && daysLeft <= c.projectionDays ? addDays(asOf, daysLeft) : null;
    return {
      meter: m.meter,
      value: m.value,
      limit,
      proximity: Number(proximity.toFixed(3)),
      projected_overrun: overrunOn,
    };
  });
  const top = Math.max(...detail.map((d) => d.proximity));
  const level =
    top >= 1
      ? "over_limit"
      : top >= c.near || detail.some((d) => d.projected_overrun !== null)
        ? "near_limit"
        : "ok";
  return {
    kind: "usage_limits",
    score: Math.round(clamp(top * 100)),
    level,
    signals: strongestFirst(
      detail.map((d) => ({
        name: `meter_${d.meter}`,
        value: d.proximity,
        effect: Math.round(d.proximity * 100),
        text: `${meterLabel(d.meter)}: ${pct(d.proximity)} of ${d.limit.toLocaleString("en-US")}${d.projected_overrun ? `, projected to pass it on ${d.projected_overrun}` : ""}`,
      })),
    ),
    detail: { meters: detail },
  };
}

/** A plan meter in words ("api_calls" -> "API calls", "storage_gb" -> "Storage (GB)"). */
export function meterLabel(meter: string): string {
  const known: Record<string, string> = {
    api_calls: "API calls",
    storage_gb: "Storage (GB)",
    seats: "Seats",
  };
  const word = known[meter];
  if (word) return word;
  const spaced = meter.replace(/_/g, " ");
  return spaced.charAt(0).toUpperCase() + spaced.slice(1);
}

/** Two-month usage trend: feature uses and sessions of the last 30 days against the 30 before. */
export function usageTrend(s: Signals, c: ScoresConfig["usageTrend"]): ScoreResult {
  const last = s.featureUses30 + s.sessions30;
  const prior = s.featureUsesPrior30 + s.sessionsPrior30;
  if (last === 0 && prior === 0) return unscored("usage_trend", "No usage in the last two months");
  const change = prior > 0 ? (last - prior) / prior : 1;
  const level = change >= c.flatWithin ? "growing" : change <= -c.flatWithin ? "declining" : "flat";
  return {
    kind: "usage_trend",
    score: Math.round(clamp(50 + 50 * change)),
    level,
    signals: [
      {
        name: "usage_change",
        value: Number(change.toFixed(2)),
        effect: Math.round(50 * Math.max(-1, Math.min(1, change))),
        text:
          prior > 0
            ? `Usage ${change >= 0 ? "up" : "down"} ${pct(Math.abs(change))} on the month before`
            : "Usage started this month",
      },
    ],
  };
}
