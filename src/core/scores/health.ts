import type { ScoresConfig } from "./config.ts";
import type { ScoreInput } from "./input.ts";
import { type ScoreResult, strongestFirst, unscored } from "./result.ts";
import { clamp, type Signals } from "./signals.ts";

export function healthBand(score: number, b: ScoresConfig["health"]["bands"]): string {
  return score >= b.healthy
    ? "healthy"
    : score >= b.stable
      ? "stable"
      : score >= b.watch
        ? "watch"
        : score >= b.atRisk
          ? "at_risk"
          : "critical";
}

const STATUS_HEALTH: Record<string, number> = {
  active: 100,
  trialing: 80,
  past_due: 30,
  paused: 40,
  canceled: 0,
};

/**
 * Health (seed 003): a weighted mean of engagement, recency of last activity, NPS, support
 * signals and subscription standing. A component without data (no NPS answers) is left out
 * and the others are reweighted, never read as zero.
 */
export function health(
  input: ScoreInput,
  s: Signals,
  engagementScore: number | null,
  c: ScoresConfig["health"],
): ScoreResult {
  if (engagementScore === null) return unscored("health", "No activity recorded yet");
  const recency =
    s.daysSinceActive === null ? 0 : clamp(100 * (1 - s.daysSinceActive / c.recencyZeroAfterDays));
  const support = clamp(
    100 - 15 * s.negative30 - 30 * s.churnIntent30 - 5 * Math.max(0, s.tickets30 - s.negative30),
  );
  const status = STATUS_HEALTH[input.profile.subscriptionStatus ?? "active"] ?? 100;
  const parts: { name: string; value: number; weight: number; text: string }[] = [
    {
      name: "engagement",
      value: engagementScore,
      weight: c.weights.engagement,
      text: `Engagement ${engagementScore}`,
    },
    {
      name: "recency",
      value: Math.round(recency),
      weight: c.weights.recency,
      text:
        s.daysSinceActive === null
          ? "No recent activity"
          : s.daysSinceActive === 0
            ? "Active today"
            : `Last active ${s.daysSinceActive} days ago`,
    },
    {
      name: "support",
      value: Math.round(support),
      weight: c.weights.support,
      text:
        s.tickets30 === 0
          ? "No tickets in 30 days"
          : `${s.tickets30} tickets in 30 days, ${s.negative30} negative`,
    },
    {
      name: "status",
      value: status,
      weight: c.weights.status,
      text: `Subscription ${input.profile.subscriptionStatus ?? "active"}`,
    },
  ];
  if (s.nps !== null)
    parts.push({
      name: "nps",
      value: Math.round((s.nps + 100) / 2),
      weight: c.weights.nps,
      text: `NPS ${s.nps}`,
    });
  const total = parts.reduce((a, p) => a + p.weight, 0);
  const score = Math.round(parts.reduce((a, p) => a + p.value * p.weight, 0) / total);
  // A component's effect: how far it pulls the score from the midpoint, in points.
  const signals = strongestFirst(
    parts.map((p) => ({
      name: p.name,
      value: p.value,
      effect: Math.round(((p.value - 50) * p.weight) / total),
      text: p.text,
    })),
  );
  return { kind: "health", score, level: healthBand(score, c.bands), signals };
}
