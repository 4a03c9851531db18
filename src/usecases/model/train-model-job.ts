import { HoldfastError } from "../../core/errors.ts";
import type { UseCaseContext } from "../context.ts";
import type { Job } from "../jobs.ts";
import { parseModelKind } from "./model-registry.ts";
import { trainModel } from "./train-model.ts";

/**
 * The `train_model` job: trains one kind (not scoring-exclusive: it reads and records a model).
 * Too little history is an answer, not a failure: the job ends with `skipped` and its reason.
 */
export async function trainModelJob({
  ctx,
  job,
  signal,
  progress,
}: {
  ctx: UseCaseContext;
  job: Job;
  signal: AbortSignal;
  progress(p: unknown): void;
}): Promise<unknown> {
  const p =
    typeof job.payload === "object" && job.payload !== null ? (job.payload as Record<string, unknown>) : {};
  const kind = parseModelKind(p.kind ?? "churn", "payload.kind");
  try {
    return await trainModel(ctx, job.orgId, {
      kind,
      actor: typeof p.actor === "string" ? p.actor : `job:${job.id}`,
      signal,
      onProgress: progress,
    });
  } catch (e) {
    if (e instanceof HoldfastError && e.code === "invalid_input") return { kind, skipped: e.message };
    throw e;
  }
}
