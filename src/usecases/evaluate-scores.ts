import type { HoldfastConfig } from "../core/config.ts";
import { HoldfastError } from "../core/errors.ts";
import { type RankingQuality, rankingQuality } from "../core/evaluation/ranking.ts";
import { computeScores } from "../core/scores/index.ts";
import { addDays } from "../core/util/dates.ts";
import { churnDays, latestUsageDay, signupDays, upgradeDays } from "../store/evaluation.ts";
import type { Db } from "../store/open-store.ts";
import { customerIdPage, loadCatalog, loadScoreInputs } from "../store/score-inputs.ts";
import { computeEarlyWarning } from "./early-warning.ts";

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
  const churn: Pairs = new Map();
  const upgrade: Pairs = new Map();

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

    const gone = new Set<string>();
    let after: string | null = null;
    for (;;) {
      const ids = await customerIdPage(db, orgId, after, 2_000);
      if (ids.length === 0) break;
      after = ids[ids.length - 1]!;
      for (const input of await loadScoreInputs(db, orgId, ids, t, catalog)) {
        const id = input.customerId;
        // Already gone at the cutoff (canceled, or a trial that ended unconverted): not at risk.
        if (input.profile.subscriptionStatus === "canceled") gone.add(id);
        if (!inPopulation(id) || gone.has(id)) continue;
        const { results } = computeScores(input, t, config.scores);
        const label = churnsSoon(id);
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
    const ew = await computeEarlyWarning(db, orgId, config, t);
    for (const c of ew.customers) {
      if (inPopulation(c.customerId) && !gone.has(c.customerId)) {
        push(churn, "early_warning", c.result.score, churnsSoon(c.customerId));
      }
    }
  }
  const summarize = (m: Pairs) =>
    Object.fromEntries([...m].map(([k, pairs]) => [k, rankingQuality(pairs, 0.1)]));
  return { horizonDays: opts.horizonDays, cutoffs, churn: summarize(churn), upgrade: summarize(upgrade) };
}
