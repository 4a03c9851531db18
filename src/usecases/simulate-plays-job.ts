import type { UseCaseContext } from "./context.ts";
import type { Job } from "./jobs.ts";
import { simulatePlays } from "./simulate-plays.ts";

/** What the worker hands a handler (job-handlers.ts `JobRun`, spelled out: no import cycle). */
interface Run {
  ctx: UseCaseContext;
  job: Job;
  signal: AbortSignal;
  progress(p: unknown): void;
}

/** The `plays_simulate` job: payload `{days, end?}`; progress per simulated day; cancel between days. */
export async function playsSimulateJob({ ctx, job, signal, progress }: Run) {
  const p =
    typeof job.payload === "object" && job.payload !== null ? (job.payload as Record<string, unknown>) : {};
  const r = await simulatePlays(ctx, job.orgId, {
    days: typeof p.days === "number" ? p.days : 30,
    end: typeof p.end === "string" ? p.end : undefined,
    actor: `job:${job.id}`,
    signal,
    onProgress: progress,
  });
  const { counts: _, ...summary } = r;
  return summary;
}
