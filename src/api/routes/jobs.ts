import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { ErrorBody } from "../../contracts/common.ts";
import { JobIdParams, JobsOverview, JobsQuery, JobView } from "../../contracts/jobs.ts";
import { cancelJob, getJob, type Job, jobsOverview, retryJob } from "../../usecases/jobs.ts";
import { actorOf, orgOf, requirePermission } from "../auth.ts";
import type { RouteDeps } from "../deps.ts";

const errors = { 401: ErrorBody, 403: ErrorBody, 404: ErrorBody };

export const jobView = (j: Job): JobView => ({
  id: j.id,
  kind: j.kind,
  status: j.status,
  run_at: j.runAt,
  priority: j.priority,
  attempts: j.attempts,
  max_attempts: j.maxAttempts,
  locked_by: j.lockedBy,
  lease_until: j.leaseUntil,
  last_error: j.lastError,
  progress: j.progress,
  result: j.result,
  cancel_requested: j.cancelRequested,
  created_at: j.createdAt,
  started_at: j.startedAt,
  finished_at: j.finishedAt,
});

export const jobRoutes: FastifyPluginAsyncZod<RouteDeps> = async (app, deps) => {
  app.get(
    "/jobs",
    {
      preHandler: requirePermission("admin"),
      schema: {
        tags: ["jobs"],
        summary: "The org's job queue: counts by status, the latest jobs, dead jobs with their errors",
        querystring: JobsQuery,
        response: { 200: JobsOverview, ...errors },
      },
    },
    async (req) => {
      const r = await jobsOverview(deps.ctx, orgOf(req), req.query);
      return { counts: r.counts, jobs: r.jobs.map(jobView), dead: r.dead.map(jobView) };
    },
  );

  app.get(
    "/jobs/:id",
    {
      preHandler: requirePermission("admin"),
      schema: {
        tags: ["jobs"],
        summary: "One job",
        params: JobIdParams,
        response: { 200: JobView, ...errors },
      },
    },
    async (req) => jobView(await getJob(deps.ctx, orgOf(req), req.params.id)),
  );

  app.post(
    "/jobs/:id/retry",
    {
      preHandler: requirePermission("admin"),
      schema: {
        tags: ["jobs"],
        summary: "Queue a dead or cancelled job again, with a fresh set of attempts (audited)",
        params: JobIdParams,
        response: { 200: JobView, 409: ErrorBody, ...errors },
      },
    },
    async (req) => {
      const job = await retryJob(deps.ctx, orgOf(req), req.params.id, actorOf(req));
      deps.wake?.();
      return jobView(job);
    },
  );

  app.delete(
    "/jobs/:id",
    {
      preHandler: requirePermission("admin"),
      schema: {
        tags: ["jobs"],
        summary: "Cancel a job: a queued one at once, a running one at its next heartbeat",
        params: JobIdParams,
        response: { 200: JobView, ...errors },
      },
    },
    async (req) => jobView(await cancelJob(deps.ctx, orgOf(req), req.params.id)),
  );
};
