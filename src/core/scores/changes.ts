import type { ScoresConfig } from "./config.ts";
import type { ScoreKind } from "./kinds.ts";

/** A stored score's value and level (the previous current row of one kind). */
export interface ScoreState {
  score: number | null;
  level: string;
}

/** A score move worth telling consumers about (a row of `score_changes`). */
export interface ScoreChange {
  customerId: string;
  kind: ScoreKind;
  /** Null on a first score, or when the customer was unscored. */
  oldScore: number | null;
  newScore: number | null;
  /** Null on a first score. */
  oldLevel: string | null;
  newLevel: string;
  /** The configured threshold crossed, as `kind>=value` (e.g. "churn_risk>=75"), else null. */
  crossed: string | null;
}

/**
 * The threshold a move crosses, in either direction: going up, the highest one reached
 * (old < t <= new); going down, the lowest one left (new < t <= old). A first score (or one
 * after being unscored) counts as coming from below every threshold. Null when none.
 */
export function thresholdCrossed(
  thresholds: readonly number[] | undefined,
  oldScore: number | null,
  newScore: number | null,
): number | null {
  if (!thresholds || thresholds.length === 0 || newScore === null || oldScore === newScore) return null;
  let hit: number | null = null;
  if (oldScore === null || newScore > oldScore) {
    for (const t of thresholds) {
      if ((oldScore === null || oldScore < t) && newScore >= t && (hit === null || t > hit)) hit = t;
    }
  } else {
    for (const t of thresholds) {
      if (newScore < t && oldScore >= t && (hit === null || t < hit)) hit = t;
    }
  }
  return hit;
}

/**
 * Decides whether one kind's new score is a change: a first score (no previous row), a level
 * (tier, band or stage) that differs, or a configured threshold crossed either way.
 * Pure; the caller supplies the previous current row read before writing. With
 * `firstScores` false a first score is no change (an org's first scoring is its baseline).
 */
export function scoreChange(
  customerId: string,
  kind: ScoreKind,
  previous: ScoreState | undefined,
  next: ScoreState,
  thresholds: ScoresConfig["changes"]["thresholds"],
  firstScores = true,
): ScoreChange | null {
  if (!previous && !firstScores) return null;
  const oldScore = previous ? previous.score : null;
  const t = thresholdCrossed(thresholds[kind], oldScore, next.score);
  if (previous && previous.level === next.level && t === null) return null;
  return {
    customerId,
    kind,
    oldScore,
    newScore: next.score,
    oldLevel: previous ? previous.level : null,
    newLevel: next.level,
    crossed: t === null ? null : `${kind}>=${t}`,
  };
}
