import type { ScoreInput } from "../scores/input.ts";
import type { ScoreResult } from "../scores/result.ts";
import type { Signals } from "../scores/signals.ts";
import { applyCalibrator } from "./calibration.ts";
import { contributions } from "./contributions.ts";
import {
  type AccountFacts,
  contributionReasons,
  type FeatureLayout,
  featureRow,
  featureSpecs,
  type ModelReason,
} from "./features.ts";
import { predict } from "./predict.ts";
import type { Calibrator, Dataset, Model } from "./types.ts";

/** A stored model as the registry keeps it: the learner's model, its feature layout, its calibrator. */
export interface StoredModel {
  id: number;
  version: number;
  model: Model;
  layout: FeatureLayout;
  calibrator: Calibrator;
}

/** What a model says of one customer: calibrated probability, and why (its top contributions). */
export interface ModelScore {
  probability: number;
  /** Uncalibrated model probability. */
  raw: number;
  /** Expected log-odds the contributions start from. */
  base: number;
  reasons: ModelReason[];
}

/** Scores customers one at a time with a stored model (pure; one row buffer, reused). */
export class ModelScorer {
  readonly stored: StoredModel;
  private readonly ds: Dataset;
  private readonly row: Float64Array;
  constructor(stored: StoredModel) {
    this.stored = stored;
    const specs = featureSpecs(stored.layout);
    if (specs.length !== stored.model.features.length)
      throw new Error(
        `model ${stored.id} has ${stored.model.features.length} features, its layout ${specs.length}`,
      );
    this.row = new Float64Array(specs.length);
    this.ds = { n: 1, features: stored.model.features, columns: specs.map(() => new Float64Array(1)) };
  }

  /** The customer's calibrated probability and reasons as of `asOf`. */
  score(
    input: ScoreInput,
    asOf: string,
    facts: AccountFacts,
    traits: Readonly<Record<string, unknown>> | null,
    signals?: Signals,
    reasons = 5,
  ): ModelScore {
    featureRow(this.stored.layout, input, asOf, facts, traits, this.row, signals);
    for (let j = 0; j < this.row.length; j++) this.ds.columns[j]![0] = this.row[j]!;
    const raw = predict(this.stored.model, this.ds);
    const probability = applyCalibrator(this.stored.calibrator, raw)[0]!;
    const c = contributions(this.stored.model, this.ds, 0);
    return {
      probability,
      raw: raw[0]!,
      base: c.base,
      reasons: contributionReasons(
        this.stored.model.features,
        this.row,
        c.values,
        this.stored.layout,
        reasons,
      ),
    };
  }
}

/**
 * The account facts a live score reads, from the input as of the day (the training snapshots
 * read the same fields from dated facts: `pointInTime` in usecases/model/training-set.ts).
 */
export function liveFacts(input: ScoreInput): AccountFacts {
  const p = input.profile;
  const status = input.status?.status ?? p.subscriptionStatus;
  return {
    planTier: p.planTier,
    arr: p.arr,
    seats: p.seats,
    pastDue: status === "past_due",
    paused: status === "paused",
    trialing: status === "trialing",
    billingFrequency: p.billingFrequency,
  };
}

/** Churn risk from the churn model: calibrated probability x 100, its contributions as reasons. */
export function modelChurnRisk(score: ModelScore, level: string, modelId: number): ScoreResult {
  const signals = score.reasons.map((r) => ({
    name: r.feature,
    value: r.value === null ? null : Number(r.value.toFixed(4)),
    effect: r.effect,
    text: r.text,
  }));
  if (signals.length === 0)
    signals.push({
      name: "steady",
      value: null,
      effect: 0,
      text: "No feature moves the model's estimate much",
    });
  return {
    kind: "churn_risk",
    score: Math.round(score.probability * 100),
    level,
    signals,
    detail: { source: "model", model_id: modelId, probability: Number(score.probability.toFixed(4)) },
  };
}
