import type { HoldfastConfig } from "../core/config.ts";
import { earlyWarningWindows } from "../core/early-warning/windows.ts";
import { HoldfastError } from "../core/errors.ts";
import { type RankingQuality, rankingQuality } from "../core/evaluation/ranking.ts";
import { computeScores } from "../core/scores/index.ts";
import { addDays } from "../core/util/dates.ts";
import { dataEndDates } from "../store/early-warning-inputs.ts";
import { churnDays, latestUsageDay, signupDays, upgradeDays } from "../store/evaluation.ts";
import type { Db } from "../store/open-store.ts";
import { customerIdPage, loadCatalog, loadScoreInputs } from "../store/score-inputs.ts";

export interface ScoreEvaluation {
  horizonDays: number;
  cutoffs: string[];
  /** Per score: ranking quality pooled over the cutoffs (customer-cutoff pairs). */
  churn: Record<string, RankingQuality>;
  upgrade: Record<string, RankingQuality>;
}

type Pairs = Map<string, { score: number; positive: boolean }[]>;
const push = (m: Pairs, k: string, score: number, positive: boolean) => {
  const list = m.get(k) ?? [];
  list.push({ score, positive });
  m.set(k, list);
};

/**
 * Replays the org's history with the clock set to each cutoff (scores see only data up to the
 * cutoff) and measures how well each score ranks the customers who churned, or upgraded,
 * within `horizonDays` after it. The population at a cutoff: signed up and not churned by then.
 * Unscored customers are left out of that score's figures.
 */
export async function evaluateScores(
  db: Db,
  orgId: number,
  config: HoldfastConfig,
  opts: { horizonDays: number; cutoffs: number; stepDays: number; end?: string | undefined },
): Promise<ScoreEvaluation> {
  const end = opts.end ?? (await latestUsageDay(db, orgId));
  if (!end) throw new HoldfastError("invalid_input", "No usage data in this org to evaluate against");
  const cutoffs = Array.from({ length: opts.cutoffs }, (_, k) =>
    addDays(end, -opts.horizonDays - k * opts.stepDays),
  ).reverse();
  const churned = await churnDays(db, orgId);
  const upgrades = await upgradeDays(db, orgId);
  const signups = await signupDays(db, orgId);
  const catalog = await loadCatalog(db, orgId);
  const ends = await dataEndDates(db, orgId);
  const churn: Pairs = new Map();
  const upgrade: Pairs = new Map();
  const earlyWarning: { score: number; positive: boolean }[] = [];

  for (const t of cutoffs) {
    const horizonEnd = addDays(t, opts.horizonDays);
    const inPopulation = (id: string) => {
      const signup = signups.get(id);
      const c = churned.get(id);
      return (signup === null || signup === undefined || signup <= t) && (c === undefined || c > t);
    };
    const churnsSoon = (id: string) => {
      const c = churned.get(id);
      return c !== undefined && c > t && c <= horizonEnd;
    };
    const upgradesSoon = (id: string) => (upgrades.get(id) ?? []).some((d) => d > t && d <= horizonEnd);

    // Seed 004's windows end at the cutoff (the data goes on past it).
    const windows = earlyWarningWindows(ends, t, config.earlyWarning.windowDays);
    const gone = new Set<string>();
    let after: string | null = null;
    for (;;) {
      const ids = await customerIdPage(db, orgId, after, 2_000);
      if (ids.length === 0) break;
      after = ids[ids.length - 1]!;
      const page = { ids, contiguous: true };
      for (const input of (await loadScoreInputs(db, orgId, page, t, catalog, windows)).inputs) {
        const id = input.customerId;
        // Already gone at the cutoff (canceled, or a trial that ended unconverted): not at risk.
        if (input.profile.subscriptionStatus === "canceled") gone.add(id);
        if (!inPopulation(id) || gone.has(id)) continue;
        const { results } = computeScores(input, t, config);
        const label = churnsSoon(id);
        earlyWarning.push({ score: results.early_warning.score!, positive: label });
        if (results.churn_risk.score !== null) push(churn, "churn_risk", results.churn_risk.score, label);
        // Health and engagement rank the other way: low health means risk.
        if (results.health.score !== null)
          push(churn, "health (inverted)", 100 - results.health.score, label);
        if (results.engagement.score !== null)
          push(churn, "engagement (inverted)", 100 - results.engagement.score, label);
        if (results.upgrade_readiness.score !== null) {
          push(upgrade, "upgrade_readiness", results.upgrade_readiness.score, upgradesSoon(id));
        }
      }
    }
  }
  if (earlyWarning.length > 0) churn.set("early_warning", earlyWarning);
  const summarize = (m: Pairs) =>
    Object.fromEntries([...m].map(([k, pairs]) => [k, rankingQuality(pairs, 0.1)]));
  return { horizonDays: opts.horizonDays, cutoffs, churn: summarize(churn), upgrade: summarize(upgrade) };
}
