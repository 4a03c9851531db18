import { HoldfastError } from "../core/errors.ts";
import type { TicketsConfig } from "../core/tickets/config.ts";
import type { UseCaseContext } from "./context.ts";
import { cancelJob, enqueue, getJob, type Job } from "./jobs.ts";
import { orgConfig } from "./org-config.ts";

/** A batch analysis of stored tickets as the dashboard sees it: one `analyze_tickets` job. */
export interface AnalysisRunView {
  id: string;
  status: "queued" | "running" | "done" | "cancelled" | "failed";
  analyzer: string;
  done: number;
  total: number;
  analyzed: number;
  errors: number;
  timeouts: number;
  started_at: string;
  finished_at: string | null;
  message: string | null;
}

const num = (o: unknown, k: string): number => {
  const v = typeof o === "object" && o !== null ? (o as Record<string, unknown>)[k] : undefined;
  return typeof v === "number" ? v : 0;
};
const str = (o: unknown, k: string): string | undefined => {
  const v = typeof o === "object" && o !== null ? (o as Record<string, unknown>)[k] : undefined;
  return typeof v === "string" ? v : undefined;
};

function runView(job: Job, defaultAnalyzer: string): AnalysisRunView {
  const status =
    job.status === "dead" ? "failed" : job.status === "queued" && job.attempts > 0 ? "running" : job.status;
  return {
    id: String(job.id),
    status,
    analyzer: str(job.result, "analyzer") ?? str(job.progress, "analyzer") ?? defaultAnalyzer,
    done: job.status === "done" ? num(job.result, "total") : num(job.progress, "done"),
    total: job.status === "done" ? num(job.result, "total") : num(job.progress, "total"),
    analyzed: num(job.result, "analyzed"),
    errors: num(job.result, "errors"),
    timeouts: num(job.result, "timeouts"),
    started_at: job.startedAt ?? job.createdAt,
    finished_at: job.finishedAt,
    message: job.lastError,
  };
}

async function analysisJob(ctx: UseCaseContext, orgId: number, id: string): Promise<Job> {
  const n = Number(id);
  const job = Number.isInteger(n) && n > 0 ? await getJob(ctx, orgId, n).catch(() => undefined) : undefined;
  if (job?.kind !== "analyze_tickets") {
    throw new HoldfastError("not_found", `no analysis run ${id} in this org`);
  }
  return job;
}

/**
 * Queues a batch analysis (a job any worker runs; progress lives in the store, so every process
 * sees it and can cancel it). Overrides apply to this run only.
 */
export async function startAnalysisRun(
  ctx: UseCaseContext,
  orgId: number,
  overrides: Partial<Pick<TicketsConfig, "batchLimit" | "timeoutSeconds" | "concurrency">>,
): Promise<AnalysisRunView> {
  const { config } = await orgConfig(ctx, orgId);
  const { id } = await enqueue(
    ctx.db,
    orgId,
    { kind: "analyze_tickets", payload: { overrides }, priority: 4, maxAttempts: 3 },
    ctx.now(),
  );
  return runView(await getJob(ctx, orgId, id), config.tickets.analyzer);
}

export async function getAnalysisRun(
  ctx: UseCaseContext,
  orgId: number,
  id: string,
): Promise<AnalysisRunView> {
  const { config } = await orgConfig(ctx, orgId);
  return runView(await analysisJob(ctx, orgId, id), config.tickets.analyzer);
}

/** Cancels from any process: tickets analyzed so far are kept (and scored). */
export async function cancelAnalysisRun(
  ctx: UseCaseContext,
  orgId: number,
  id: string,
): Promise<AnalysisRunView> {
  const job = await analysisJob(ctx, orgId, id);
  const { config } = await orgConfig(ctx, orgId);
  return runView(await cancelJob(ctx, orgId, job.id), config.tickets.analyzer);
}
