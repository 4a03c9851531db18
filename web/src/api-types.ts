/** The API's answer types, inferred from the zod contracts the server validates against (types only: no zod in the bundle). */
import type { z } from "zod";
import type {
  ErrorBody as ErrorBodySchema,
  RiskLevel as RiskLevelSchema,
} from "../../src/contracts/common.ts";
import type {
  ChecklistStep as ChecklistStepSchema,
  CUSTOMER_SORTS,
  CustomerBrief as CustomerBriefSchema,
  CustomerListItem as CustomerListItemSchema,
  CustomerList as CustomerListSchema,
  OUTCOMES,
  Outcome as OutcomeSchema,
} from "../../src/contracts/customers.ts";
import type {
  ImportList as ImportListSchema,
  ImportRecord as ImportRecordSchema,
  ImportResult as ImportResultSchema,
} from "../../src/contracts/imports.ts";
import type {
  DriversReport as DriversReportSchema,
  ExecutiveReport as ExecutiveReportSchema,
} from "../../src/contracts/reports.ts";
import type {
  AnalysisRun as AnalysisRunSchema,
  AnalyzeTextResult as AnalyzeTextResultSchema,
  TicketImportResult as TicketImportResultSchema,
  TicketItem as TicketItemSchema,
  TicketList as TicketListSchema,
} from "../../src/contracts/tickets.ts";

export type ErrorBody = z.infer<typeof ErrorBodySchema>;
export type RiskLevel = z.infer<typeof RiskLevelSchema>;
export type ExecutiveReport = z.infer<typeof ExecutiveReportSchema>;
export type DriversReport = z.infer<typeof DriversReportSchema>;
export type CustomerListItem = z.infer<typeof CustomerListItemSchema>;
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

export const RISK_LEVELS = ["High", "Medium", "Low"] as const satisfies readonly RiskLevel[];
