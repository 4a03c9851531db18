/**
 * The Plays page's endpoints (tactics, decisions, approvals, tasks, deals, insights, a customer's
 * runs and offers), typed from the zod contracts (types only), with their query options under one
 * key, so every plays write refreshes every plays figure at once.
 */
import { queryOptions } from "@tanstack/react-query";
import type { z } from "zod";
import type {
  ApprovalList as ApprovalListSchema,
  ApprovalView as ApprovalViewSchema,
  DealList as DealListSchema,
  DecisionList as DecisionListSchema,
  InsightList as InsightListSchema,
  OfferList as OfferListSchema,
  RunList as RunListSchema,
  TacticList as TacticListSchema,
  TaskList as TaskListSchema,
  TaskView as TaskViewSchema,
} from "../../../../src/contracts/plays.ts";
import { apiFetch, apiJson, queryString, sendJson } from "../../api/http.ts";
import { keys } from "../../api/queries.ts";
import type { ConfigSaved } from "../../api/types.ts";

export type TacticList = z.infer<typeof TacticListSchema>;
export type Tactic = TacticList["items"][number];
export type DecisionList = z.infer<typeof DecisionListSchema>;
export type Decision = DecisionList["items"][number];
export type ApprovalList = z.infer<typeof ApprovalListSchema>;
export type Approval = ApprovalList["items"][number];
export type ApprovalView = z.infer<typeof ApprovalViewSchema>;
export type TaskList = z.infer<typeof TaskListSchema>;
export type Task = TaskList["items"][number];
export type TaskView = z.infer<typeof TaskViewSchema>;
export type DealList = z.infer<typeof DealListSchema>;
export type Deal = DealList["items"][number];
export type InsightList = z.infer<typeof InsightListSchema>;
export type Insight = InsightList["items"][number];
export type OfferList = z.infer<typeof OfferListSchema>;
export type Offer = OfferList["items"][number];
export type RunList = z.infer<typeof RunListSchema>;
export type Run = RunList["items"][number];

export const PLAY_OUTCOMES = ["fire", "defer", "suppress"] as const;
export type PlayOutcome = (typeof PLAY_OUTCOMES)[number];
export const APPROVAL_STATUSES = ["pending", "approved", "rejected", "expired"] as const;
export type ApprovalStatus = (typeof APPROVAL_STATUSES)[number];
export const TASK_STATUSES = ["open", "snoozed", "done"] as const;
/** The deal pipeline's stages (core/plays/deals.ts); won and lost are final. */
export const DEAL_STAGES = ["identified", "qualified", "proposal", "won", "lost"] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

export interface DecisionParams {
  tactic?: string | undefined;
  customer?: string | undefined;
  outcome?: PlayOutcome | undefined;
  cursor?: string | undefined;
  limit?: number | undefined;
}

/** Every plays query lives under this key; plays writes invalidate it (and what else they change). */
export const playsKey = ["plays"] as const;

const customerPath = (id: string) => `/v1/customers/${encodeURIComponent(id)}`;

export const playsApi = {
  tactics: (days?: number) => apiJson<TacticList>(`/v1/tactics${queryString({ days })}`),
  decisions: (p: DecisionParams) =>
    apiJson<DecisionList>(
      `/v1/plays/decisions${queryString({ ...p, limit: p.limit === undefined ? undefined : String(p.limit) })}`,
    ),
  approvals: (status: ApprovalStatus | undefined) =>
    apiJson<ApprovalList>(`/v1/approvals${queryString({ status })}`),
  decideApproval: (v: { id: number; action: "approve" | "reject"; reason: string }) =>
    sendJson<ApprovalView>("POST", `/v1/approvals/${v.id}/${v.action}`, { reason: v.reason }),
  tasks: (p: { status?: TaskStatus | undefined; owner?: string | undefined }) =>
    apiJson<TaskList>(`/v1/tasks${queryString(p)}`),
  taskAction: (v: { id: number; action: "done" | "snooze"; note?: string; until?: string }) =>
    sendJson<TaskView>("POST", `/v1/tasks/${v.id}/${v.action}`, {
      ...(v.note ? { note: v.note } : {}),
      ...(v.until ? { until: v.until } : {}),
    }),
  deals: () => apiJson<DealList>("/v1/deals"),
  moveDeal: (v: { id: number; stage: string }) =>
    sendJson<Deal>("PATCH", `/v1/deals/${v.id}`, { stage: v.stage }),
  dealsCsv: async () => (await apiFetch("/v1/deals?format=csv")).blob(),
  insights: () => apiJson<InsightList>("/v1/plays/insights"),
  runs: (customerId: string) => apiJson<RunList>(`${customerPath(customerId)}/runs`),
  offers: (customerId: string) => apiJson<OfferList>(`${customerPath(customerId)}/offers`),
  /** A tactic's switch and parameters: a new config version (admin keys only). */
  saveTactic: (v: { slug: string; enabled?: boolean; params?: Record<string, number>; reason: string }) =>
    sendJson<ConfigSaved>("PUT", "/v1/config", {
      config: {
        plays: {
          tactics: {
            [v.slug]: {
              ...(v.enabled === undefined ? {} : { enabled: v.enabled }),
              ...(v.params === undefined ? {} : { params: v.params }),
            },
          },
        },
      },
      reason: v.reason,
    }),
};

export const playsQueries = {
  /** `days`: counts over the last N days (undefined: every decision). */
  tactics: (days?: number) =>
    queryOptions({ queryKey: [...playsKey, "tactics", days ?? null], queryFn: () => playsApi.tactics(days) }),
  decisions: (p: DecisionParams) =>
    queryOptions({ queryKey: [...playsKey, "decisions", p], queryFn: () => playsApi.decisions(p) }),
  approvals: (status: ApprovalStatus | undefined) =>
    queryOptions({ queryKey: [...playsKey, "approvals", status], queryFn: () => playsApi.approvals(status) }),
  tasks: (p: { status?: TaskStatus | undefined; owner?: string | undefined }) =>
    queryOptions({ queryKey: [...playsKey, "tasks", p], queryFn: () => playsApi.tasks(p) }),
  deals: () => queryOptions({ queryKey: [...playsKey, "deals"], queryFn: playsApi.deals }),
  insights: () => queryOptions({ queryKey: [...playsKey, "insights"], queryFn: playsApi.insights }),
  runs: (customerId: string) =>
    queryOptions({ queryKey: [...playsKey, "runs", customerId], queryFn: () => playsApi.runs(customerId) }),
  offers: (customerId: string) =>
    queryOptions({
      queryKey: [...playsKey, "offers", customerId],
      queryFn: () => playsApi.offers(customerId),
    }),
};

/** What each plays write changes: the plays figures, and the customers' timelines (and the config). */
export const PLAYS_WRITE = { invalidates: [playsKey, keys.customers] } as const;
export const TACTIC_WRITE = { invalidates: [playsKey, keys.config] } as const;
