/** Ranking quality of a score against a binary outcome (higher score = more likely positive). */
export interface RankingQuality {
  n: number;
  positives: number;
  /** Area under the ROC curve (ties count half); null when one class is absent. */
  auc: number | null;
  /** Share of positives among the top `topShare` by score. */
  precisionAtTop: number | null;
  /** Positives rate of the whole population (what precision at top is compared with). */
  baseRate: number | null;
  topShare: number;
}

/** AUC by the rank-sum (Mann-Whitney) formula with average ranks for ties; O(n log n). */
export function rankingQuality(
  pairs: readonly { score: number; positive: boolean }[],
  topShare = 0.1,
): RankingQuality {
  const n = pairs.length;
  const positives = pairs.reduce((k, p) => k + (p.positive ? 1 : 0), 0);
  const negatives = n - positives;
  const sorted = [...pairs].sort((a, b) => a.score - b.score);
  let auc: number | null = null;
  if (positives > 0 && negatives > 0) {
    let rankSum = 0;
    for (let i = 0; i < n; ) {
      let j = i;
      while (j < n && sorted[j]!.score === sorted[i]!.score) j++;
      const avgRank = (i + 1 + j) / 2; // ranks i+1..j
      for (let k = i; k < j; k++) if (sorted[k]!.positive) rankSum += avgRank;
      i = j;
    }
    auc = (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
  }
  const top = Math.max(1, Math.round(n * topShare));
  let hits = 0;
  for (let k = n - 1; k >= n - top && k >= 0; k--) if (sorted[k]!.positive) hits++;
  return {
    n,
    positives,
    auc,
    precisionAtTop: n === 0 ? null : hits / Math.min(top, n),
    baseRate: n === 0 ? null : positives / n,
    topShare,
  };
}
