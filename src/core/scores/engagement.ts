import type { ScoresConfig } from "./config.ts";
import type { ScoreInput } from "./input.ts";
import { type ScoreResult, strongestFirst, unscored } from "./result.ts";
import type { Signals } from "./signals.ts";

export function engagementBand(score: number): string {
  return score >= 70 ? "high" : score >= 40 ? "medium" : "low";
}

/** Frequency (active days), breadth (distinct features) and intensity (sessions per active day), without NPS. */
export function engagement(input: ScoreInput, s: Signals, c: ScoresConfig["engagement"]): ScoreResult {
  if (!s.hasData && input.profile.subscriptionStatus === null)
    return unscored("engagement", "No activity recorded yet");
  const freq = Math.min(1, s.activeDays30 / c.activeDaysFull);
  const breadth = Math.min(1, s.features30 / c.breadthFull);
  const perDay = s.activeDays30 > 0 ? s.sessions30 / s.activeDays30 : 0;
  const intensity = Math.min(1, perDay / c.sessionsPerActiveDayFull);
  const w = c.weights;
  const signals = strongestFirst([
    {
      name: "active_days_30",
      value: s.activeDays30,
      effect: Math.round(freq * w.frequency),
      text: `Active ${s.activeDays30} of the last 30 days`,
    },
    {
      name: "features_30",
      value: s.features30,
      effect: Math.round(breadth * w.breadth),
      text: `Used ${s.features30} distinct features in 30 days`,
    },
    {
      name: "sessions_per_active_day",
      value: Number(perDay.toFixed(1)),
      effect: Math.round(intensity * w.intensity),
      text: `${perDay.toFixed(1)} sessions per active day`,
    },
  ]);
  const score = Math.round(Math.min(100, freq * w.frequency + breadth * w.breadth + intensity * w.intensity));
  return { kind: "engagement", score, level: engagementBand(score), signals };
}
