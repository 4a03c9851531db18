/** Query keys and options per resource: the one place a screen's server state is named. */
import { queryOptions } from "@tanstack/react-query";
import { api } from "./client.ts";
import type { JobsParams, ScoreTrendParams, TicketListParams } from "./types.ts";

export const keys = {
  reports: ["reports"] as const,
  customers: ["customers"] as const,
  tickets: ["tickets"] as const,
  imports: ["imports"] as const,
  config: ["config"] as const,
  jobs: ["jobs"] as const,
  apiKeys: ["keys"] as const,
};

export const queries = {
  executive: () => queryOptions({ queryKey: [...keys.reports, "executive"], queryFn: api.executiveReport }),
  drivers: () => queryOptions({ queryKey: [...keys.reports, "drivers"], queryFn: api.driversReport }),
  customerList: (query: string) =>
    queryOptions({
      queryKey: [...keys.customers, "list", query],
      queryFn: ({ signal }) => api.listCustomers(query, signal),
    }),
  customer: (id: string) =>
    queryOptions({ queryKey: [...keys.customers, "one", id], queryFn: () => api.customer(id) }),
  scoreTrend: (id: string, p: ScoreTrendParams) =>
    queryOptions({ queryKey: [...keys.customers, "trend", id, p], queryFn: () => api.scoreTrend(id, p) }),
  tickets: (p: TicketListParams) =>
    queryOptions({ queryKey: [...keys.tickets, p], queryFn: () => api.listTickets(p) }),
  imports: () => queryOptions({ queryKey: keys.imports, queryFn: api.listImports }),
  config: () => queryOptions({ queryKey: [...keys.config, "current"], queryFn: api.config }),
  configVersions: () => queryOptions({ queryKey: [...keys.config, "versions"], queryFn: api.configVersions }),
  jobs: (p: JobsParams) => queryOptions({ queryKey: [...keys.jobs, p], queryFn: () => api.jobs(p) }),
  apiKeys: () => queryOptions({ queryKey: keys.apiKeys, queryFn: api.keys }),
};
