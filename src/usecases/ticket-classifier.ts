import { createHash } from "node:crypto";
import { cleanTicketText, TICKET_CATEGORIES, type TicketAnalyzer } from "../core/tickets/analysis.ts";
import type { TicketCategory } from "../core/tickets/category.ts";
import {
  type CorrectionOverride,
  createBlendedAnalyzer,
} from "../core/tickets/classifier/blended-analyzer.ts";
import {
  type CategoryCrossValidation,
  type CategoryExample,
  crossValidateCategories,
  type TicketCategoryModel,
  trainCategoryModel,
} from "../core/tickets/classifier/ticket-classifier.ts";
import type { TicketsConfig } from "../core/tickets/config.ts";
import { appendAudit } from "../store/audit.ts";
import type { Db } from "../store/open-store.ts";
import {
  findClassifierRun,
  hasClassifierRuns,
  listTicketCorrections,
  saveClassifierRun,
} from "../store/ticket-corrections.ts";
import type { UseCaseContext } from "./context.ts";
import { loadEvalSet } from "./evaluate-tickets.ts";
import { createTicketAnalyzer } from "./ticket-analyzer.ts";

const isCategory = (s: string | null): s is TicketCategory =>
  s !== null && (TICKET_CATEGORIES as readonly string[]).includes(s);

/**
 * The training set: the committed labeled set plus the org's corrections with a category (a
 * correction replaces a labeled ticket with the same text), its hash, and the overrides by text.
 */
export async function ticketTrainingSet(
  db: Db,
  orgId: number,
  loaded?: Awaited<ReturnType<typeof listTicketCorrections>>,
) {
  const corrections = loaded ?? (await listTicketCorrections(db, orgId));
  const byText = new Map<string, CategoryExample>();
  for (const t of loadEvalSet()) byText.set(cleanTicketText(t.text), { text: t.text, category: t.category });
  const overrides = new Map<string, CorrectionOverride>();
  for (const c of corrections) {
    const text = cleanTicketText(`${c.subject ?? ""} ${c.body ?? ""}`);
    if (!text) continue;
    const category = isCategory(c.category) ? c.category : null;
    overrides.set(text, {
      category,
      churn_intent: c.churn_intent === null ? null : Number(c.churn_intent) === 1,
    });
    if (category) byText.set(text, { text, category });
  }
  const examples = [...byText.values()];
  const hash = createHash("sha256")
    .update(JSON.stringify([examples, [...overrides]]))
    .digest("hex");
  return { examples, overrides, corrections: corrections.length, hash };
}

export interface ClassifierTraining extends CategoryCrossValidation {
  examples: number;
  corrections: number;
  trainingHash: string;
  /** False when this training set had been cross-validated before (the stored figures are returned). */
  fresh: boolean;
}

/**
 * Trains the ticket-category classifier on the labeled set plus the org's corrections: five-fold
 * cross-validation (folds by fnv1a_32 of the text) of the rules, the classifier and the blend,
 * stored with the decision (use the blend only when it beats the rules) and audited. Runs at the
 * start of every ticket analysis run; a training set already cross-validated is not redone.
 */
export async function trainTicketClassifier(
  ctx: UseCaseContext,
  orgId: number,
  opts: { actor: string; folds?: number },
): Promise<ClassifierTraining> {
  const set = await ticketTrainingSet(ctx.db, orgId);
  const known = await findClassifierRun(ctx.db, orgId, set.hash);
  if (known) {
    return {
      folds: JSON.parse(known.folds),
      overall: {
        rules: known.rules_accuracy,
        classifier: known.classifier_accuracy,
        blend: known.blend_accuracy,
      },
      useBlend: Number(known.use_blend) === 1,
      examples: known.examples,
      corrections: known.corrections,
      trainingHash: set.hash,
      fresh: false,
    };
  }
  const cv = crossValidateCategories(set.examples, opts.folds ?? 5);
  const at = ctx.now();
  await saveClassifierRun(ctx.db, {
    org_id: orgId,
    training_hash: set.hash,
    examples: set.examples.length,
    corrections: set.corrections,
    folds: JSON.stringify(cv.folds),
    rules_accuracy: cv.overall.rules,
    classifier_accuracy: cv.overall.classifier,
    blend_accuracy: cv.overall.blend,
    use_blend: cv.useBlend ? 1 : 0,
    trained_at: at.toISOString(),
  });
  await appendAudit(ctx.db, orgId, at, {
    actor: opts.actor,
    action: "tickets.train_classifier",
    detail: {
      examples: set.examples.length,
      corrections: set.corrections,
      ...cv.overall,
      use_blend: cv.useBlend,
    },
  });
  return {
    ...cv,
    examples: set.examples.length,
    corrections: set.corrections,
    trainingHash: set.hash,
    fresh: true,
  };
}

/** Final models by training hash (training takes ~0.5 s; the same set gives the same model). */
const MODELS = new Map<string, TicketCategoryModel>();

/**
 * The analyzer for an org: a model analyzer as configured; with the rules, the rules alone when
 * the org has no corrections and no classifier run, else the rules with the CSMs' corrections and
 * the blended classifier when its stored cross-validation for this exact training set won.
 */
export async function ticketAnalyzerFor(
  ctx: UseCaseContext,
  orgId: number,
  cfg: TicketsConfig,
): Promise<TicketAnalyzer> {
  if (cfg.analyzer !== "rules") return createTicketAnalyzer(cfg);
  // Most orgs: no corrections and never trained: the rules, without reading the labeled set.
  const corrections = await listTicketCorrections(ctx.db, orgId);
  if (corrections.length === 0 && !(await hasClassifierRuns(ctx.db, orgId))) return createTicketAnalyzer(cfg);
  const set = await ticketTrainingSet(ctx.db, orgId, corrections);
  const run = await findClassifierRun(ctx.db, orgId, set.hash);
  let model: TicketCategoryModel | undefined;
  if (run && Number(run.use_blend) === 1) {
    model = MODELS.get(set.hash) ?? trainCategoryModel(set.examples, "blend");
    if (MODELS.size > 16) MODELS.clear();
    MODELS.set(set.hash, model);
  }
  if (!model && set.corrections === 0) return createTicketAnalyzer(cfg);
  return createBlendedAnalyzer({ model, overrides: set.overrides, trainingHash: set.hash });
}

/**
 * `holdfast tickets evaluate --folds K`: K-fold accuracy (folds by fnv1a_32 of the text) of the
 * rules, the classifier and the blend on a labeled set file (default: the committed one).
 */
export function crossValidateLabeledSet(opts: { setPath?: string | undefined; folds: number }) {
  const set = loadEvalSet(opts.setPath);
  return {
    tickets: set.length,
    ...crossValidateCategories(
      set.map((t) => ({ text: t.text, category: t.category })),
      opts.folds,
    ),
  };
}
