/**
 * When a trained model may replace the headline score (pure): it must have enough history
 * behind it and beat the headline's AUC on the same, newest validation window.
 */
export interface PromotionInput {
  modelAuc: number;
  headline: { name: string; auc: number };
  snapshots: number;
  positives: number;
  minSnapshots: number;
  minPositives: number;
}

export interface PromotionDecision {
  /** Whether the model qualifies (auto-promotion then depends on the config flag). */
  qualifies: boolean;
  reason: string;
}

const f3 = (x: number) => (Number.isFinite(x) ? x.toFixed(3) : "n/a");

export function promotionDecision(p: PromotionInput): PromotionDecision {
  if (p.snapshots < p.minSnapshots || p.positives < p.minPositives)
    return {
      qualifies: false,
      reason: `Too little history: ${p.snapshots} monthly snapshots and ${p.positives} positives (needs ${p.minSnapshots} and ${p.minPositives})`,
    };
  if (!Number.isFinite(p.modelAuc))
    return { qualifies: false, reason: "The validation window has no positive or no negative label" };
  if (!(p.modelAuc > p.headline.auc) && Number.isFinite(p.headline.auc))
    return {
      qualifies: false,
      reason: `Does not beat ${p.headline.name} on the newest window: AUC ${f3(p.modelAuc)} against ${f3(p.headline.auc)}`,
    };
  return {
    qualifies: true,
    reason: `Beats ${p.headline.name} on the newest window: AUC ${f3(p.modelAuc)} against ${f3(p.headline.auc)}`,
  };
}

/** Cumulative gains by decile: share of positives in the top 10%, 20%, ... and lift over random. */
export function liftCurve(p: Float64Array, y: Uint8Array): { top: number; recall: number; lift: number }[] {
  const n = p.length;
  const idx = [...p.keys()].sort((a, b) => p[b]! - p[a]! || a - b);
  let pos = 0;
  for (let i = 0; i < n; i++) pos += y[i]!;
  const out: { top: number; recall: number; lift: number }[] = [];
  let tp = 0;
  let i = 0;
  for (let d = 1; d <= 10; d++) {
    const upto = Math.ceil((n * d) / 10);
    for (; i < upto; i++) tp += y[idx[i]!]!;
    const recall = pos === 0 ? 0 : tp / pos;
    out.push({ top: d * 10, recall: round(recall), lift: round(recall / (d / 10)) });
  }
  return out;
}

const round = (x: number) => Math.round(x * 1000) / 1000;
