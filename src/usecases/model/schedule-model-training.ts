import type { HoldfastConfig } from "../../core/config.ts";
import type { Db } from "../../store/open-store.ts";
import { enqueue } from "../jobs.ts";
import { MODEL_KINDS } from "./training-set.ts";

/**
 * The monthly retrain: once the org's daily run is due on a day, one `train_model` job per kind
 * and calendar month (idempotency key `train:<kind>:<YYYY-MM>`, so any number of schedulers
 * queue it once). Returns the kinds queued now.
 */
export async function scheduleModelTraining(
  db: Db,
  orgId: number,
  config: HoldfastConfig,
  day: string,
  now: Date,
): Promise<string[]> {
  if (!config.model.monthlyRetrain) return [];
  const queued: string[] = [];
  for (const kind of MODEL_KINDS) {
    const job = await enqueue(
      db,
      orgId,
      {
        kind: "train_model",
        payload: { kind, actor: "scheduler" },
        idempotencyKey: `train:${kind}:${day.slice(0, 7)}`,
        priority: -1,
      },
      now,
    );
    if (job.created) queued.push(kind);
  }
  return queued;
}
