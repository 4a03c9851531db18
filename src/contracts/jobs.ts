import { z } from "zod";

export const JobStatus = z.enum(["queued", "running", "done", "dead", "cancelled"]);

export const JobView = z.object({
  id: z.number().int(),
  kind: z.string(),
  status: JobStatus,
  run_at: z.string(),
  priority: z.number().int(),
  attempts: z.number().int(),
  max_attempts: z.number().int(),
  locked_by: z.string().nullable(),
  lease_until: z.string().nullable(),
  last_error: z.string().nullable(),
  progress: z.unknown(),
  result: z.unknown(),
  cancel_requested: z.boolean(),
  created_at: z.string(),
  started_at: z.string().nullable(),
  finished_at: z.string().nullable(),
});
export type JobView = z.infer<typeof JobView>;

/** GET /v1/jobs */
export const JobsQuery = z.object({
  status: JobStatus.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});

export const JobsOverview = z.object({
  counts: z.record(JobStatus, z.number().int()),
  jobs: z.array(JobView),
  dead: z.array(JobView),
});

export const JobIdParams = z.object({ id: z.coerce.number().int().min(1) });
