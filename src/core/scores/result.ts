import type { ScoreKind, ScoreSignal } from "../../contracts/scores.ts";

export interface ScoreResult {
  kind: Exclude<ScoreKind, "early_warning">;
  /** Null when unscored. */
  score: number | null;
  level: string;
  /** Contributing signals, strongest first. */
  signals: ScoreSignal[];
  detail?: Record<string, unknown>;
}

/** Strongest first: by the size of the effect, positive before negative on ties. */
export function strongestFirst(signals: ScoreSignal[]): ScoreSignal[] {
  return signals.sort((a, b) => Math.abs(b.effect) - Math.abs(a.effect) || b.effect - a.effect);
}

export function unscored(kind: ScoreResult["kind"], why: string): ScoreResult {
  return {
    kind,
    score: null,
    level: "unscored",
    signals: [{ name: "coverage", value: null, effect: 0, text: why }],
  };
}
