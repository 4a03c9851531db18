/**
 * The typed API client: one function per endpoint the dashboard uses, answers typed from the zod
 * contracts (src/contracts, types only). Failures throw ApiError (status, code, message, details,
 * request id).
 */
import { apiFetch, apiJson, queryString, sendJson } from "./http.ts";
import type {
  AnalysisRun,
  AnalyzeTextInput,
  AnalyzeTextResult,
  ApiKeyCreated,
  ApiKeyList,
  ApiKeyView,
  ChecklistStep,
  ChecklistUpdateBody,
  ConfigSaved,
  ConfigUpdateBody,
  ConfigVersionList,
  ConfigView,
  CreateApiKeyInput,
  CustomerBrief,
  CustomerList,
  DriversReport,
  ExecutiveReport,
  ImportList,
  ImportResult,
  JobsOverview,
  JobsParams,
  JobView,
  NewAnalysisRunBody,
  NewOutcomeBody,
  Outcome,
  RecomputeResult,
  ScoreTrend,
  ScoreTrendParams,
  TicketImportResult,
  TicketList,
  TicketListParams,
} from "./types.ts";

type Params = Record<string, string | number | boolean | undefined>;
const qs = (p: Params) =>
  queryString(Object.fromEntries(Object.entries(p).map(([k, v]) => [k, v === undefined ? v : String(v)])));
const customerPath = (id: string) => `/v1/customers/${encodeURIComponent(id)}`;

export const api = {
  executiveReport: () => apiJson<ExecutiveReport>("/v1/reports/executive"),
  driversReport: () => apiJson<DriversReport>("/v1/reports/drivers"),

  /** `query`: the list's API query string (filters, sort, cursor), built by features/customers/customer-query.ts. */
  listCustomers: (query: string, signal?: AbortSignal) =>
    apiJson<CustomerList>(`/v1/customers${query}`, signal ? { signal } : {}),
  /** The filtered list as CSV (every page). */
  exportCustomersCsv: async (query: string) => (await apiFetch(`/v1/customers${query}`)).blob(),
  customer: (id: string) => apiJson<CustomerBrief>(customerPath(id)),
  scoreTrend: (id: string, p: ScoreTrendParams) =>
    apiJson<ScoreTrend>(`${customerPath(id)}/scores${qs(p as Params)}`),
  recompute: (id: string) => apiJson<RecomputeResult>(`${customerPath(id)}/recompute`, { method: "POST" }),
  setChecklistStep: (id: string, stepId: string, body: ChecklistUpdateBody) =>
    sendJson<ChecklistStep>("PUT", `${customerPath(id)}/checklist/${encodeURIComponent(stepId)}`, body),
  logOutcome: (id: string, body: NewOutcomeBody) =>
    sendJson<Outcome>("POST", `${customerPath(id)}/outcomes`, body),

  listTickets: (p: TicketListParams) => apiJson<TicketList>(`/v1/tickets${qs(p as Params)}`),
  analyzeText: (body: AnalyzeTextInput) => sendJson<AnalyzeTextResult>("POST", "/v1/tickets/analyze", body),
  uploadTickets: (body: FormData) =>
    apiJson<TicketImportResult>("/v1/tickets/upload", { method: "POST", body }),
  startAnalysisRun: (body: NewAnalysisRunBody) =>
    sendJson<AnalysisRun>("POST", "/v1/tickets/analysis-runs", body),
  analysisRun: (id: string, signal?: AbortSignal) =>
    apiJson<AnalysisRun>(`/v1/tickets/analysis-runs/${encodeURIComponent(id)}`, signal ? { signal } : {}),
  cancelAnalysisRun: (id: string) =>
    apiJson<AnalysisRun>(`/v1/tickets/analysis-runs/${encodeURIComponent(id)}`, { method: "DELETE" }),

  listImports: () => apiJson<ImportList>("/v1/imports"),
  uploadImport: (body: FormData) => apiJson<ImportResult>("/v1/imports", { method: "POST", body }),

  config: () => apiJson<ConfigView>("/v1/config"),
  configVersions: () => apiJson<ConfigVersionList>("/v1/config/versions"),
  saveConfig: (body: ConfigUpdateBody) => sendJson<ConfigSaved>("PUT", "/v1/config", body),
  revertConfig: (version: number) => sendJson<ConfigSaved>("POST", "/v1/config/revert", { version }),

  jobs: (p: JobsParams) => apiJson<JobsOverview>(`/v1/jobs${qs(p as Params)}`),
  retryJob: (id: string | number) => apiJson<JobView>(`/v1/jobs/${id}/retry`, { method: "POST" }),
  cancelJob: (id: string | number) => apiJson<JobView>(`/v1/jobs/${id}`, { method: "DELETE" }),

  keys: () => apiJson<ApiKeyList>("/v1/keys"),
  createKey: (body: CreateApiKeyInput) => sendJson<ApiKeyCreated>("POST", "/v1/keys", body),
  revokeKey: (id: string | number) => apiJson<ApiKeyView>(`/v1/keys/${id}`, { method: "DELETE" }),
};
