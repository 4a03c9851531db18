/**
 * The learned ticket-category classifier and its blend with the rules. "classifier" reads only
 * the text's hashed n-grams; "blend" reads the same n-grams plus the rules' category as an
 * indicator feature, so the regression learns how far to trust the rules for each category.
 * Pure: the training examples (the labeled set plus CSM corrections) are passed in.
 */
import { fnv1a32 } from "../../model/folds.ts";
import { cleanTicketText } from "../analysis.ts";
import type { TicketCategory } from "../category.ts";
import { classifyCategory } from "../category.ts";
import { detectChurnIntent } from "../churn-intent.ts";
import { DEFAULT_HASH_BITS, featurize, type SparseVector } from "./features.ts";
import { predictClass, type SparseLogisticModel, trainSparseLogistic } from "./sparse-logistic.ts";

export type ClassifierMode = "classifier" | "blend";

export interface CategoryExample {
  text: string;
  category: TicketCategory;
}

export interface TicketCategoryModel {
  mode: ClassifierMode;
  model: SparseLogisticModel;
  bits: number;
}

/** Weight of the rules' answer as a feature (the n-gram part has unit norm). */
const RULES_FEATURE_WEIGHT = 1;
const TRAIN = { l2: 1e-6, epochs: 50, learningRate: 1, seed: 13 };

export function rulesCategory(text: string): TicketCategory {
  const clean = cleanTicketText(text);
  return classifyCategory(clean, detectChurnIntent(clean));
}

function vector(text: string, mode: ClassifierMode, bits: number): SparseVector {
  const clean = cleanTicketText(text);
  return featurize(clean, {
    bits,
    ...(mode === "blend"
      ? { extra: [{ name: `rules:${rulesCategory(clean)}`, value: RULES_FEATURE_WEIGHT }] }
      : {}),
  });
}

export function trainCategoryModel(
  examples: readonly CategoryExample[],
  mode: ClassifierMode,
  bits = DEFAULT_HASH_BITS,
): TicketCategoryModel {
  const xs = examples.map((e) => vector(e.text, mode, bits));
  const model = trainSparseLogistic(
    xs,
    examples.map((e) => e.category),
    { dims: 1 << bits, ...TRAIN },
  );
  return { mode, model, bits };
}

export function predictCategory(m: TicketCategoryModel, text: string): TicketCategory {
  return predictClass(m.model, vector(text, m.mode, m.bits)) as TicketCategory;
}

export interface FoldRow {
  fold: number;
  tickets: number;
  rules: number;
  classifier: number;
  blend: number;
}

export interface CategoryCrossValidation {
  folds: FoldRow[];
  /** Accuracy over all held-out tickets (each ticket is held out exactly once). */
  overall: { rules: number; classifier: number; blend: number };
  /** The blend is used only when it beats the rules here. */
  useBlend: boolean;
}

/** fold = fnv1a_32(utf-8 text) % k; each fold's model never sees its own fold's texts. */
export function crossValidateCategories(
  examples: readonly CategoryExample[],
  k = 5,
): CategoryCrossValidation {
  if (!Number.isInteger(k) || k < 2 || k > 20) throw new RangeError(`folds must be 2 to 20 (got ${k})`);
  const fold = examples.map((e) => fnv1a32(e.text) % k);
  const rows: FoldRow[] = [];
  const total = { rules: 0, classifier: 0, blend: 0, n: 0 };
  for (let f = 0; f < k; f++) {
    const train = examples.filter((_, i) => fold[i] !== f);
    const test = examples.filter((_, i) => fold[i] === f);
    if (test.length === 0 || train.length === 0) continue;
    const clf = trainCategoryModel(train, "classifier");
    const bl = trainCategoryModel(train, "blend");
    let r = 0;
    let c = 0;
    let b = 0;
    for (const e of test) {
      if (rulesCategory(e.text) === e.category) r++;
      if (predictCategory(clf, e.text) === e.category) c++;
      if (predictCategory(bl, e.text) === e.category) b++;
    }
    rows.push({
      fold: f,
      tickets: test.length,
      rules: r / test.length,
      classifier: c / test.length,
      blend: b / test.length,
    });
    total.rules += r;
    total.classifier += c;
    total.blend += b;
    total.n += test.length;
  }
  const overall = {
    rules: total.rules / total.n,
    classifier: total.classifier / total.n,
    blend: total.blend / total.n,
  };
  return { folds: rows, overall, useBlend: overall.blend > overall.rules };
}
