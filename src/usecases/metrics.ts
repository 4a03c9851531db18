import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";
import { storeReadiness } from "../store/readiness.ts";
import type { UseCaseContext } from "./context.ts";
import { jobQueueDepth } from "./jobs.ts";

/**
 * The process's Prometheus metrics (one registry per process): the API records requests and
 * event batches, the worker records job and refresh durations, and a scrape adds the job queue
 * depth read from the store. Default metrics (memory, event-loop lag, GC) start with
 * `startDefaultMetrics`, called when the endpoint is enabled.
 */
export const registry = new Registry();

const SECONDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
const LONG_SECONDS = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 900];

export const httpRequests = new Counter({
  name: "holdfast_http_requests_total",
  help: "HTTP requests by method, route pattern and status code",
  labelNames: ["method", "route", "status"] as const,
  registers: [registry],
});
export const httpErrors = new Counter({
  name: "holdfast_http_errors_total",
  help: "HTTP responses with a 5xx status (server errors) or 4xx (client errors), by route pattern",
  labelNames: ["method", "route", "class"] as const,
  registers: [registry],
});
export const httpDuration = new Histogram({
  name: "holdfast_http_request_duration_seconds",
  help: "HTTP request latency by method and route pattern",
  labelNames: ["method", "route"] as const,
  buckets: SECONDS,
  registers: [registry],
});
export const eventsIngested = new Counter({
  name: "holdfast_events_total",
  help: "Events received in batches, by outcome (accepted, duplicate, rejected)",
  labelNames: ["outcome"] as const,
  registers: [registry],
});
export const jobDuration = new Histogram({
  name: "holdfast_job_duration_seconds",
  help: "Job run time by kind and outcome (done, cancelled, retry, dead, released, lost)",
  labelNames: ["kind", "outcome"] as const,
  buckets: LONG_SECONDS,
  registers: [registry],
});
export const refreshDuration = new Histogram({
  name: "holdfast_refresh_duration_seconds",
  help: "Run time of refresh jobs (refresh, daily_refresh) by kind and outcome",
  labelNames: ["kind", "outcome"] as const,
  buckets: LONG_SECONDS,
  registers: [registry],
});
const jobsByStatus = new Gauge({
  name: "holdfast_jobs",
  help: "Jobs in the queue table by status (read from the store at each scrape)",
  labelNames: ["status"] as const,
  registers: [registry],
});

let defaultsStarted = false;
/** Process memory, CPU, event-loop lag and GC (prom-client's default metrics), once per process. */
export function startDefaultMetrics(): void {
  if (defaultsStarted) return;
  defaultsStarted = true;
  collectDefaultMetrics({ register: registry, prefix: "holdfast_" });
}

/** Records one event batch's outcome. */
export function recordEventBatch(out: { accepted: number; duplicates: number; rejected: number }): void {
  eventsIngested.inc({ outcome: "accepted" }, out.accepted);
  eventsIngested.inc({ outcome: "duplicate" }, out.duplicates);
  eventsIngested.inc({ outcome: "rejected" }, out.rejected);
}

const REFRESH_KINDS = new Set(["refresh", "daily_refresh"]);
/** Records one job's run (the worker calls it whatever the outcome). */
export function recordJob(kind: string, outcome: string, seconds: number): void {
  jobDuration.observe({ kind, outcome }, seconds);
  if (REFRESH_KINDS.has(kind)) refreshDuration.observe({ kind, outcome }, seconds);
}

/** The metrics in Prometheus text format, with the queue depth read from the store now. */
export async function scrapeMetrics(ctx: UseCaseContext): Promise<{ contentType: string; text: string }> {
  const depth = await jobQueueDepth(ctx);
  for (const [status, n] of Object.entries(depth)) jobsByStatus.set({ status }, n);
  return { contentType: registry.contentType, text: await registry.metrics() };
}

/** Readiness: the store answers a query and has run every migration this build knows. */
export async function checkReadiness(
  ctx: UseCaseContext,
): Promise<{ ready: true } | { ready: false; reason: string }> {
  try {
    const { pending } = await storeReadiness(ctx.db);
    if (pending.length > 0) return { ready: false, reason: `migrations pending: ${pending.join(", ")}` };
    return { ready: true };
  } catch (e) {
    return { ready: false, reason: `store does not answer: ${(e as Error).message}` };
  }
}
