import { earlyWarningWindows } from "../../core/early-warning/windows.ts";
import { HoldfastError } from "../../core/errors.ts";
import type { ModelReason } from "../../core/model/features.ts";
import { ModelScorer } from "../../core/model/scorer.ts";
import { dayOf } from "../../core/util/dates.ts";
import { appendAudit } from "../../store/audit.ts";
import { dataEndDates } from "../../store/early-warning-inputs.ts";
import {
  getModel,
  listModels,
  type ModelSummaryRow,
  promotedModel,
  setPromoted,
} from "../../store/models/registry.ts";
import { loadSnapshotFacts } from "../../store/models/snapshot-facts.ts";
import { latestScoredDay } from "../../store/score-history.ts";
import { loadCatalog, loadScoreInputs } from "../../store/score-inputs.ts";
import { withTransaction } from "../../store/transaction.ts";
import type { UseCaseContext } from "../context.ts";
import { enqueue } from "../jobs.ts";
import { orgConfig } from "../org-config.ts";
import { storedModel } from "./scoring-models.ts";
import { MODEL_KINDS, type ModelKind } from "./training-set.ts";

/** A registry entry as the API and CLI show it (JSON columns parsed; no model body). */
export interface ModelView {
  id: number;
  kind: ModelKind;
  version: number;
  status: "candidate" | "promoted" | "retired";
  statusReason: string;
  learner: string;
  window: { from: string; to: string };
  horizonDays: number;
  features: { name: string; kind: string }[];
  params: Record<string, unknown>;
  metrics: Record<string, unknown>;
  trainingMs: number;
  sizeBytes: number;
  createdAt: string;
  createdBy: string;
  promotedAt: string | null;
  promotedBy: string | null;
}

function view(r: ModelSummaryRow): ModelView {
  return {
    id: r.id,
    kind: r.kind as ModelKind,
    version: r.version,
    status: r.status as ModelView["status"],
    statusReason: r.status_reason,
    learner: r.learner,
    window: { from: r.window_from, to: r.window_to },
    horizonDays: r.horizon_days,
    features: (JSON.parse(r.features) as { name: string; kind: string }[]).map((f) => ({
      name: f.name,
      kind: f.kind,
    })),
    params: JSON.parse(r.params) as Record<string, unknown>,
    metrics: JSON.parse(r.metrics) as Record<string, unknown>,
    trainingMs: r.training_ms,
    sizeBytes: r.size_bytes,
    createdAt: r.created_at,
    createdBy: r.created_by,
    promotedAt: r.promoted_at,
    promotedBy: r.promoted_by,
  };
}

export function parseModelKind(v: unknown, field = "kind"): ModelKind {
  if (typeof v === "string" && (MODEL_KINDS as readonly string[]).includes(v)) return v as ModelKind;
  throw new HoldfastError(
    "invalid_input",
    `${field} must be one of ${MODEL_KINDS.join(", ")} (got ${JSON.stringify(v)})`,
  );
}

export async function listModelVersions(
  ctx: UseCaseContext,
  orgId: number,
  opts: { kind?: ModelKind | undefined; limit?: number | undefined } = {},
): Promise<{ models: ModelView[]; minimum: { snapshots: number; positives: number }; horizonDays: number }> {
  const { config } = await orgConfig(ctx, orgId);
  const rows = await listModels(ctx.db, orgId, opts);
  return {
    models: rows.map(view),
    minimum: { snapshots: config.model.minSnapshots, positives: config.model.minPositives },
    horizonDays: config.model.horizonDays,
  };
}

export async function showModel(ctx: UseCaseContext, orgId: number, id: number): Promise<ModelView> {
  const row = await getModel(ctx.db, orgId, id);
  if (!row) throw new HoldfastError("not_found", `No model ${id} in this org`);
  return view(row);
}

/**
 * Promotes a model by hand (an admin's decision, with a reason, audited): it replaces the kind's
 * promoted model, which is retired; a promoted churn model rescoring every customer.
 */
export async function promoteModel(
  ctx: UseCaseContext,
  orgId: number,
  id: number,
  opts: { reason: string; actor: string },
): Promise<ModelView> {
  const reason = opts.reason.trim();
  if (reason.length < 3 || reason.length > 500)
    throw new HoldfastError(
      "invalid_input",
      "reason must be 3 to 500 characters (say why this model is promoted)",
    );
  const row = await getModel(ctx.db, orgId, id);
  if (!row) throw new HoldfastError("not_found", `No model ${id} in this org`);
  if (row.status === "promoted") throw new HoldfastError("conflict", `Model ${id} is already promoted`);
  const now = ctx.now();
  await withTransaction(ctx.db, async (tx) => {
    const retired = await setPromoted(tx, orgId, {
      id,
      kind: row.kind,
      reason: `Promoted by hand: ${reason}`,
      at: now.toISOString(),
      by: opts.actor,
    });
    if (row.kind === "churn")
      await enqueue(
        tx,
        orgId,
        { kind: "refresh", payload: {}, idempotencyKey: `model:${id}:${now.toISOString()}`, priority: 5 },
        now,
      );
    await appendAudit(tx, orgId, now, {
      actor: opts.actor,
      action: "model.promoted",
      subject: `model:${id}`,
      detail: {
        kind: row.kind,
        version: row.version,
        reason,
        retired,
        metrics_headline: JSON.parse(row.metrics).headline ?? null,
      },
    });
  });
  return showModel(ctx, orgId, id);
}

/** Queues model training (one `train_model` job per kind; both kinds when none is named). */
export async function queueModelTraining(
  ctx: UseCaseContext,
  orgId: number,
  opts: { kind?: ModelKind | undefined; actor: string; key?: string | undefined },
): Promise<{ jobs: { kind: ModelKind; id: number; created: boolean }[] }> {
  const kinds = opts.kind ? [opts.kind] : [...MODEL_KINDS];
  const now = ctx.now();
  return withTransaction(ctx.db, async (tx) => {
    const jobs: { kind: ModelKind; id: number; created: boolean }[] = [];
    for (const kind of kinds) {
      const job = await enqueue(
        tx,
        orgId,
        {
          kind: "train_model",
          payload: { kind, actor: opts.actor },
          idempotencyKey: `train:${kind}:${opts.key ?? now.toISOString()}`,
          priority: -1,
        },
        now,
      );
      jobs.push({ kind, id: job.id, created: job.created });
    }
    await appendAudit(tx, orgId, now, {
      actor: opts.actor,
      action: "model.train_queued",
      detail: { kinds, jobs: jobs.map((j) => j.id) },
    });
    return { jobs };
  });
}

export interface CustomerExplanation {
  customerId: string;
  asOf: string;
  model: { id: number; kind: ModelKind; version: number; learner: string } | null;
  /** Why there is no model explanation (the composite is the churn risk then). */
  note: string | null;
  probability: number | null;
  score: number | null;
  /** Expected log-odds the contributions add to. */
  base: number | null;
  reasons: ModelReason[];
}

/** One customer's churn-model contributions as of the last scored day (the promoted model, or `modelId`). */
export async function explainCustomer(
  ctx: UseCaseContext,
  orgId: number,
  customerId: string,
  opts: { modelId?: number | undefined } = {},
): Promise<CustomerExplanation> {
  const asOf = (await latestScoredDay(ctx.db, orgId)) ?? dayOf(ctx.now());
  const row =
    opts.modelId !== undefined
      ? await getModel(ctx.db, orgId, opts.modelId)
      : await promotedModel(ctx.db, orgId, "churn");
  if (opts.modelId !== undefined && !row)
    throw new HoldfastError("not_found", `No model ${opts.modelId} in this org`);
  const { config } = await orgConfig(ctx, orgId);
  const page = { ids: [customerId], contiguous: false };
  const windows = earlyWarningWindows(
    await dataEndDates(ctx.db, orgId),
    asOf,
    config.earlyWarning.windowDays,
  );
  const { inputs } = await loadScoreInputs(
    ctx.db,
    orgId,
    page,
    asOf,
    await loadCatalog(ctx.db, orgId),
    windows,
  );
  const input = inputs[0];
  if (!input) throw new HoldfastError("not_found", `No customer ${customerId} in this org`);
  if (!row)
    return {
      customerId,
      asOf,
      model: null,
      note: "No promoted churn model: churn risk is the composite score (see its reasons)",
      probability: null,
      score: null,
      base: null,
      reasons: [],
    };
  const facts = (await loadSnapshotFacts(ctx.db, orgId, page)).get(customerId)!;
  const scorer = new ModelScorer(storedModel(row));
  const s = scorer.score(input, asOf, facts.factsAt(asOf), facts.traits, undefined, 10);
  return {
    customerId,
    asOf,
    model: { id: row.id, kind: row.kind as ModelKind, version: row.version, learner: row.learner },
    note: null,
    probability: Number(s.probability.toFixed(4)),
    score: Math.round(s.probability * 100),
    base: Number(s.base.toFixed(4)),
    reasons: s.reasons,
  };
}
