import { z } from "zod";
import { DEAL_STAGES } from "../core/plays/deals.ts";

/** The plays engine's API (issue 11): tactics, decisions, offers, tasks, approvals, deals, insights. */

const day = z.iso.date();
const counts = z.object({
  eligible: z.number().int(),
  started: z.number().int(),
  fired: z.number().int(),
  deferred: z.number().int(),
  suppressed: z.record(z.string(), z.number().int()).describe("suppressions by rule"),
  in_flight: z.number().int(),
  converted: z.number().int(),
});

export const TacticView = z.object({
  slug: z.string(),
  name: z.string(),
  stage: z.string(),
  scope: z.enum(["customer", "org"]),
  source: z.string(),
  trigger: z.unknown(),
  eligibility: z.array(z.string()).describe("each condition in words"),
  guardrails: z.array(z.object({ name: z.string(), text: z.string() })),
  steps: z.array(
    z.object({
      id: z.string(),
      surface: z.string(),
      action: z.string(),
      wait_days: z.number(),
      when: z.string(),
    }),
  ),
  offer: z.unknown(),
  success: z.object({ metric: z.string(), text: z.string(), windowDays: z.number() }),
  evidence: z.object({ grade: z.string(), confidence: z.string(), headline: z.string() }),
  requires: z.array(z.string()),
  enabled: z.boolean().describe("switched on and every billing surface it needs exists"),
  switched_on: z.boolean(),
  missing_surfaces: z.array(z.string()),
  params: z.record(z.string(), z.number()),
  param_specs: z
    .record(z.string(), z.object({ default: z.number(), min: z.number(), max: z.number(), text: z.string() }))
    .describe("each tunable parameter's default and declared bounds, with what it means"),
  counts,
});
export const TacticList = z.object({
  items: z.array(TacticView),
  since: z.string().nullable().describe("counts cover decisions from this time on (null: every decision)"),
});
export const TacticsQuery = z.object({
  days: z.coerce
    .number()
    .int("days must be a whole number")
    .min(1, "days must be at least 1")
    .max(3650, "days must be at most 3650")
    .optional()
    .describe("count only the last N days' decisions and conversions (in flight is always now)"),
});

export const DecisionsQuery = z.object({
  customer: z.string().min(1).max(200).optional(),
  tactic: z.string().min(1).max(100).optional(),
  outcome: z.enum(["fire", "defer", "suppress"]).optional(),
  since: z
    .string()
    .refine((s) => !Number.isNaN(Date.parse(s)), "must be an ISO-8601 time or day")
    .optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  cursor: z.string().regex(/^\d+$/, "must be the next_cursor of a previous page").optional(),
});

export const DecisionView = z.object({
  id: z.number().int(),
  tick_id: z.string(),
  customer_id: z.string(),
  tactic: z.string(),
  kind: z.string(),
  step_id: z.string().nullable(),
  run_key: z.string().nullable(),
  cause: z.string(),
  outcome: z.string(),
  rule: z.string().nullable(),
  reason: z.string(),
  next_eligible_at: z.string().nullable(),
  approval: z.boolean(),
  as_of: z.string(),
});
export const DecisionList = z.object({ items: z.array(DecisionView), next_cursor: z.string().nullable() });

export const OfferView = z.object({
  id: z.string(),
  customer_id: z.string(),
  tactic: z.string(),
  surface: z.string(),
  kind: z.string(),
  status: z.string(),
  percent: z.number().nullable(),
  cycles: z.number().nullable(),
  months: z.number().nullable(),
  days: z.number().nullable(),
  trial_id: z.string().nullable(),
  proposed_at: z.string(),
  expires_at: z.string(),
  decided_at: z.string().nullable(),
  ends_at: z.string().nullable(),
});
export const OfferList = z.object({ items: z.array(OfferView) });
export const CustomerIdParams = z.object({ id: z.string().min(1).max(200) });

export const TaskView = z.object({
  id: z.number().int(),
  customer_id: z.string(),
  tactic: z.string(),
  owner: z.string().nullable(),
  queue: z.string(),
  reason: z.string(),
  due_on: z.string(),
  status: z.string(),
  note: z.string().nullable(),
  snoozed_until: z.string().nullable(),
  created_at: z.string(),
  updated_at: z.string(),
});
export const TaskList = z.object({ items: z.array(TaskView) });
export const TasksQuery = z.object({
  status: z.enum(["open", "done", "snoozed"]).optional(),
  owner: z.string().min(1).max(200).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export const IdParams = z.object({ id: z.coerce.number().int().min(1) });
export const TaskActionParams = IdParams.extend({ action: z.enum(["done", "snooze"]) });
export const TaskActionBody = z.strictObject({
  note: z.string().max(5_000).optional(),
  until: day.optional().describe("snooze: the day the task comes back"),
});

export const ApprovalView = z.object({
  id: z.number().int(),
  customer_id: z.string(),
  tactic: z.string(),
  what: z.string(),
  why: z.string(),
  status: z.string(),
  decided_by: z.string().nullable(),
  reason: z.string().nullable(),
  decided_at: z.string().nullable(),
  expires_at: z.string(),
  created_at: z.string(),
});
export const ApprovalListItem = ApprovalView.extend({
  account_name: z.string().nullable().describe("the customer's name"),
  arr: z.number().nullable().describe("the customer's ARR now"),
});
export const ApprovalList = z.object({ items: z.array(ApprovalListItem) });
export const ApprovalsQuery = z.object({
  status: z.enum(["pending", "approved", "rejected", "expired"]).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export const ApprovalActionParams = IdParams.extend({ action: z.enum(["approve", "reject"]) });
export const ApprovalActionBody = z.strictObject({
  reason: z.string().trim().min(1, "a reason is required").max(2_000),
});

export const DealView = z.object({
  id: z.number().int(),
  customer_id: z.string(),
  tactic: z.string(),
  stage: z.string(),
  estimated_amount: z.number(),
  owner: z.string().nullable(),
  reason: z.string(),
  created_at: z.string(),
  updated_at: z.string(),
});
export const DealList = z.object({ items: z.array(DealView) });
export const DealUpdate = z.strictObject({
  stage: z.enum(DEAL_STAGES).optional(),
  estimated_amount: z.number().min(0).max(1e12).optional(),
  owner: z.string().trim().min(1).max(200).nullable().optional(),
  note: z.string().trim().max(2_000).optional(),
});
export const DealsQuery = z.object({
  stage: z.string().min(1).max(50).optional(),
  format: z.enum(["json", "csv"]).default("json"),
  limit: z.coerce.number().int().min(1).max(10_000).default(1_000),
});
export const DEAL_CSV_COLUMNS = [
  "id",
  "customer_id",
  "tactic",
  "stage",
  "estimated_amount",
  "owner",
  "reason",
  "created_at",
] as const;

export const InsightView = z.object({
  tactic: z.string(),
  title: z.string(),
  figures: z.record(z.string(), z.union([z.number(), z.string()])),
  suggestion: z.string(),
  open: z.boolean(),
  as_of: z.string(),
  updated_at: z.string(),
});
export const InsightList = z.object({ items: z.array(InsightView) });

export const RunView = z.object({
  tactic: z.string(),
  tactic_name: z.string(),
  run_id: z.string(),
  run_key: z.string().nullable(),
  status: z.enum(["active", "exited"]),
  started_at: z.string(),
  ended_at: z.string().nullable(),
  exit_cause: z.string().nullable(),
  exit_detail: z.string().nullable(),
  next_due_at: z.string().nullable(),
  next_step: z.string().nullable().describe("the step the run sends next (null when it ended)"),
  steps_sent: z.array(z.string()),
  steps_skipped: z.array(z.string()),
});
/** GET /v1/customers/:id/runs: the customer's play runs, newest first. */
export const RunList = z.object({ items: z.array(RunView) });
