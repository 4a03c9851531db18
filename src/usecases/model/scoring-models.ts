import type { HoldfastConfig } from "../../core/config.ts";
import { ModelScorer, modelChurnRisk, type StoredModel } from "../../core/model/scorer.ts";
import { churnTier } from "../../core/scores/churn-risk.ts";
import type { ScoringModels } from "../../core/scores/index.ts";
import type { CustomerPage } from "../../store/early-warning-inputs.ts";
import { type ModelRow, promotedModel } from "../../store/models/registry.ts";
import { loadSnapshotFacts } from "../../store/models/snapshot-facts.ts";
import type { Db } from "../../store/open-store.ts";

/** A registry row's model, layout and calibrator, as the scorer takes them. */
export function storedModel(row: ModelRow): StoredModel {
  const m = JSON.parse(row.model) as Pick<StoredModel, "model" | "layout">;
  return {
    id: row.id,
    version: row.version,
    model: m.model,
    layout: m.layout,
    calibrator: JSON.parse(row.calibrator),
  };
}

/** The org's promoted models, loaded once per refresh; each page gets its facts and the hooks. */
export interface RefreshModels {
  churnModelId: number;
  forPage(page: CustomerPage): Promise<ScoringModels>;
}

/**
 * The models a refresh applies: the promoted churn model, if the org has one (the composite is
 * the churn risk otherwise, and for any customer the model cannot score). Null when none.
 */
export async function refreshModels(
  db: Db,
  orgId: number,
  config: HoldfastConfig,
): Promise<RefreshModels | null> {
  const row = await promotedModel(db, orgId, "churn");
  if (!row) return null;
  const scorer = new ModelScorer(storedModel(row));
  const tiers = config.scores.churnRisk;
  return {
    churnModelId: row.id,
    async forPage(page) {
      const facts = await loadSnapshotFacts(db, orgId, page);
      return {
        churnRisk(input, s, asOf) {
          const f = facts.get(input.customerId);
          if (!f || (!s.hasData && input.profile.subscriptionStatus === null)) return null;
          const score = scorer.score(input, asOf, f.factsAt(asOf), f.traits, s);
          const risk = Math.round(score.probability * 100);
          return modelChurnRisk(score, churnTier(risk, tiers), row.id);
        },
      };
    },
  };
}
