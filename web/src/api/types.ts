/** The API's answer types, inferred from the zod contracts the server validates against (types only: no zod in the bundle). */
import type { z } from "zod";
import type {
  ErrorBody as ErrorBodySchema,
  RiskLevel as RiskLevelSchema,
} from "../../../src/contracts/common.ts";
import type {
  ConfigChange as ConfigChangeSchema,
  ConfigRevert as ConfigRevertSchema,
  ConfigSaved as ConfigSavedSchema,
  ConfigUpdate as ConfigUpdateSchema,
  ConfigVersionView as ConfigVersionSchema,
  ConfigView as ConfigViewSchema,
} from "../../../src/contracts/config.ts";
import type {
  ChecklistStep as ChecklistStepSchema,
  ChecklistUpdate as ChecklistUpdateSchema,
  CUSTOMER_SORTS,
  CustomerBrief as CustomerBriefSchema,
  CustomerListQuery,
  CustomerList as CustomerListSchema,
  NewOutcome as NewOutcomeSchema,
  OUTCOMES,
  Outcome as OutcomeSchema,
} from "../../../src/contracts/customers.ts";
import type {
  ImportList as ImportListSchema,
  ImportRecord as ImportRecordSchema,
  ImportResult as ImportResultSchema,
} from "../../../src/contracts/imports.ts";
import type {
  JobStatus as JobStatusSchema,
  JobsOverview as JobsOverviewSchema,
  JobsQuery as JobsQuerySchema,
  JobView as JobViewSchema,
} from "../../../src/contracts/jobs.ts";
import type {
  ApiKeyCreated as ApiKeyCreatedSchema,
  ApiKeyList as ApiKeyListSchema,
  ApiKeyView as ApiKeyViewSchema,
  CreateApiKeyBody as CreateApiKeyBodySchema,
} from "../../../src/contracts/keys.ts";
import type {
  DriversReport as DriversReportSchema,
  ExecutiveReport as ExecutiveReportSchema,
} from "../../../src/contracts/reports.ts";
import type {
  LifecycleTransition as LifecycleTransitionSchema,
  RecomputeResult as RecomputeResultSchema,
  SCORE_KINDS,
  ScoreSignal,
  ScoreTrendQuery as ScoreTrendQuerySchema,
  ScoreTrend as ScoreTrendSchema,
  ScoreView,
} from "../../../src/contracts/scores.ts";
import type {
  AnalysisRun as AnalysisRunSchema,
  AnalyzeTextBody as AnalyzeTextBodySchema,
  AnalyzeTextResult as AnalyzeTextResultSchema,
  NewAnalysisRun as NewAnalysisRunSchema,
  TicketImportResult as TicketImportResultSchema,
  TicketItem as TicketItemSchema,
  TicketListQuery as TicketListQuerySchema,
  TicketList as TicketListSchema,
} from "../../../src/contracts/tickets.ts";

export type ErrorBody = z.infer<typeof ErrorBodySchema>;
export type RiskLevel = z.infer<typeof RiskLevelSchema>;
export type ExecutiveReport = z.infer<typeof ExecutiveReportSchema>;
export type DriversReport = z.infer<typeof DriversReportSchema>;
export type CustomerListItem = CustomerList["items"][number];
export type CustomerList = z.infer<typeof CustomerListSchema>;
export type CustomerBrief = z.infer<typeof CustomerBriefSchema>;
export type ChecklistStep = z.infer<typeof ChecklistStepSchema>;
export type Outcome = z.infer<typeof OutcomeSchema>;
export type OutcomeKind = (typeof OUTCOMES)[number];
export type CustomerSort = (typeof CUSTOMER_SORTS)[number];
export type ImportRecord = z.infer<typeof ImportRecordSchema>;
export type ImportList = z.infer<typeof ImportListSchema>;
export type ImportResult = z.infer<typeof ImportResultSchema>;
export type AnalyzeTextResult = z.infer<typeof AnalyzeTextResultSchema>;
export type TicketItem = z.infer<typeof TicketItemSchema>;
export type TicketList = z.infer<typeof TicketListSchema>;
export type TicketImportResult = z.infer<typeof TicketImportResultSchema>;
export type AnalysisRun = z.infer<typeof AnalysisRunSchema>;
export type { ScoreSignal, ScoreView };
export type ScoreKind = (typeof SCORE_KINDS)[number];
export type ScoreTrend = z.infer<typeof ScoreTrendSchema>;
export type LifecycleTransition = z.infer<typeof LifecycleTransitionSchema>;
export type RecomputeResult = z.infer<typeof RecomputeResultSchema>;
export type JobStatus = z.infer<typeof JobStatusSchema>;
export type JobView = z.infer<typeof JobViewSchema>;
export type JobsOverview = z.infer<typeof JobsOverviewSchema>;
export type ConfigView = z.infer<typeof ConfigViewSchema>;
export type ConfigChange = z.infer<typeof ConfigChangeSchema>;
export type ConfigVersion = z.infer<typeof ConfigVersionSchema>;
export type ConfigSaved = z.infer<typeof ConfigSavedSchema>;
export interface ConfigVersionList {
  items: ConfigVersion[];
}
export type ApiKeyView = z.infer<typeof ApiKeyViewSchema>;
export type ApiKeyList = z.infer<typeof ApiKeyListSchema>;
export type ApiKeyCreated = z.infer<typeof ApiKeyCreatedSchema>;
export type ChurnRiskTier = NonNullable<CustomerListQuery["churn_risk_tier"]>;
export type HealthBand = NonNullable<CustomerListQuery["health_band"]>;
export type LifecycleStage = NonNullable<CustomerListQuery["lifecycle_stage"]>;
export type UpgradeReadiness = NonNullable<CustomerListQuery["upgrade_readiness"]>;

/** Runtime copies of contract constants (a type import cannot carry values); checked against the contract types below. */
export const OUTCOME_KINDS = [
  "contacted",
  "meeting_scheduled",
  "issue_resolved",
  "renewed",
  "downgraded",
  "cancelled",
  "no_response",
] as const satisfies readonly OutcomeKind[];
type MissingOutcome = Exclude<OutcomeKind, (typeof OUTCOME_KINDS)[number]>;
export const OUTCOME_KINDS_COMPLETE: [MissingOutcome] extends [never] ? true : false = true;

/** Job statuses in queue order (the Settings page's counts). */
export const JOB_STATUSES = [
  "queued",
  "running",
  "done",
  "dead",
  "cancelled",
] as const satisfies readonly JobStatus[];
type MissingJobStatus = Exclude<JobStatus, (typeof JOB_STATUSES)[number]>;
export const JOB_STATUSES_COMPLETE: [MissingJobStatus] extends [never] ? true : false = true;

export const RISK_LEVELS = ["High", "Medium", "Low"] as const satisfies readonly RiskLevel[];

/** Every score kind, in the order the customer page shows them. */
export const SCORE_KIND_LIST = [
  "churn_risk",
  "health",
  "engagement",
  "lifecycle_stage",
  "nps",
  "early_warning",
  "upgrade_readiness",
  "trial_engagement",
  "conversion_readiness",
  "annual_readiness",
  "usage_limits",
  "usage_trend",
] as const satisfies readonly ScoreKind[];
type MissingKind = Exclude<ScoreKind, (typeof SCORE_KIND_LIST)[number]>;
export const SCORE_KINDS_COMPLETE: [MissingKind] extends [never] ? true : false = true;

/** The At-Risk list's score-level filters (values of the list query). */
export const CHURN_RISK_TIERS = [
  "low",
  "medium",
  "high",
  "critical",
] as const satisfies readonly ChurnRiskTier[];
export const HEALTH_BANDS = [
  "healthy",
  "stable",
  "watch",
  "at_risk",
  "critical",
] as const satisfies readonly HealthBand[];
export const LIFECYCLE_STAGES = [
  "onboarding",
  "active",
  "at_risk",
  "churned",
  "advocate",
] as const satisfies readonly LifecycleStage[];
export const UPGRADE_READINESS = [
  "pitch",
  "talk_to",
  "leave_alone",
  "unscored",
] as const satisfies readonly UpgradeReadiness[];

/** Request bodies and queries (what the client sends), from the same contracts. */
export type ConfigUpdateBody = z.input<typeof ConfigUpdateSchema>;
export type ConfigRevertBody = z.input<typeof ConfigRevertSchema>;
export type NewOutcomeBody = z.input<typeof NewOutcomeSchema>;
export type ChecklistUpdateBody = z.input<typeof ChecklistUpdateSchema>;
export type CreateApiKeyInput = z.input<typeof CreateApiKeyBodySchema>;
export type AnalyzeTextInput = z.input<typeof AnalyzeTextBodySchema>;
export type NewAnalysisRunBody = z.input<typeof NewAnalysisRunSchema>;
export type TicketListParams = z.input<typeof TicketListQuerySchema>;
export type JobsParams = z.input<typeof JobsQuerySchema>;
export type ScoreTrendParams = z.input<typeof ScoreTrendQuerySchema>;

/** Every sort of the customer list, both directions (checked against the contract). */
export const CUSTOMER_SORT_VALUES = [
  "risk_score",
  "-risk_score",
  "arr",
  "-arr",
  "customer_id",
  "-customer_id",
  "account_name",
  "-account_name",
  "plan_tier",
  "-plan_tier",
] as const satisfies readonly CustomerSort[];
