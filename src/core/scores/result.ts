import type { ScoreKind, ScoreSignal } from "./kinds.ts";

/** What one score function returns: the score, its level and the signals behind it. */
export interface ScoreResult {
  kind: Exclude<ScoreKind, "early_warning">;
  /** Null when unscored. */
  score: number | null;
  level: string;
  /** Contributing signals, strongest first. */
  signals: ScoreSignal[];
  detail?: Record<string, unknown>;
}

/** Why a score is what it is, one entry per rule or signal ({rule, kind, points, text}). */
export interface Reason {
  rule: string;
  /** A category consumers count by (early warning: usage, support, ...; other kinds: the signal). */
  kind: string;
  points: number;
  text: string;
}

/** One computed score of any kind, in the one shape every kind is stored in. */
export interface Scored {
  kind: ScoreKind;
  score: number | null;
  level: string;
  /** Every reason, strongest first (early warning: in rule order). */
  reasons: readonly Reason[];
  /** The first reasons in words (the lists and history show these). */
  topReasons: readonly string[];
  /** What to do about it, where the kind proposes actions; else empty. */
  actions: readonly string[];
  signals: readonly ScoreSignal[];
  detail?: Record<string, unknown> | undefined;
}

/** How many reasons a score shows in words. */
export const TOP_REASONS = 3;

const NO_ACTIONS: readonly string[] = Object.freeze([]);

const explained = new WeakMap<ScoreResult, Scored>();

/**
 * A score function's result in the stored shape: each signal is a reason (rule and kind = its
 * name). A shared (frozen) result, such as an unscored one, is explained once and shared too.
 */
export function explain(r: ScoreResult): Scored {
  if (!Object.isFrozen(r)) return explainOnce(r);
  let out = explained.get(r);
  if (!out) {
    out = deepFreeze(explainOnce(r));
    explained.set(r, out);
  }
  return out;
}

function explainOnce(r: ScoreResult): Scored {
  const n = r.signals.length;
  const reasons = new Array<Reason>(n);
  const topReasons = new Array<string>(Math.min(n, TOP_REASONS));
  for (let i = 0; i < n; i++) {
    const s = r.signals[i]!;
    reasons[i] = { rule: s.name, kind: s.name, points: s.effect, text: s.text };
    if (i < TOP_REASONS) topReasons[i] = s.text;
  }
  return {
    kind: r.kind,
    score: r.score,
    level: r.level,
    reasons,
    topReasons,
    actions: NO_ACTIONS,
    signals: r.signals,
    detail: r.detail,
  };
}

/** Strongest first: by the size of the effect, positive before negative on ties. */
export function strongestFirst(signals: ScoreSignal[]): ScoreSignal[] {
  return signals.sort((a, b) => Math.abs(b.effect) - Math.abs(a.effect) || b.effect - a.effect);
}

function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null && !Object.isFrozen(value)) {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

/** Unscored results by kind and reason: most customers share a handful, so they share one object. */
const unscoredResults = new Map<string, ScoreResult>();

/** A kind left unscored (too little data), saying why. The result is shared and frozen. */
export function unscored(kind: ScoreResult["kind"], why: string): ScoreResult {
  const key = `${kind}\u0000${why}`;
  let r = unscoredResults.get(key);
  if (!r) {
    if (unscoredResults.size >= 4_096) unscoredResults.clear();
    r = deepFreeze<ScoreResult>({
      kind,
      score: null,
      level: "unscored",
      signals: [{ name: "coverage", value: null, effect: 0, text: why }],
    });
    unscoredResults.set(key, r);
  }
  return r;
}
