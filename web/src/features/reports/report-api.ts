/** The reports' and renewals' own calls (typed from the contracts): revenue retention and renewals. */
import { queryOptions } from "@tanstack/react-query";
import type { z } from "zod";
import type { RenewalList as RenewalListSchema } from "../../../../src/contracts/renewals.ts";
import type { RetentionReport as RetentionSchema } from "../../../../src/contracts/retention.ts";
import { apiFetch, apiJson, queryString } from "../../api/http.ts";
import { keys } from "../../api/queries.ts";

export type RetentionReport = z.infer<typeof RetentionSchema>;
export type RetentionMonth = RetentionReport["months"][number];
export type RenewalList = z.infer<typeof RenewalListSchema>;
export type RenewalItem = RenewalList["items"][number];

export const RENEWAL_WINDOWS = [30, 60, 90] as const;
export type RenewalWindow = (typeof RENEWAL_WINDOWS)[number];

export interface RenewalParams {
  within: RenewalWindow;
  limit?: number;
  cursor?: string | undefined;
}

export const reportApi = {
  retention: (months: number) => apiJson<RetentionReport>(`/v1/reports/retention${queryString({ months })}`),
  renewals: (p: RenewalParams) =>
    apiJson<RenewalList>(
      `/v1/renewals${queryString({ within: p.within, limit: p.limit, cursor: p.cursor })}`,
    ),
  renewalsCsv: async (within: RenewalWindow) =>
    (await apiFetch(`/v1/renewals${queryString({ within, format: "csv" })}`)).blob(),
};

export const reportQueries = {
  retention: (months = 12) =>
    queryOptions({
      queryKey: [...keys.reports, "retention", months],
      queryFn: () => reportApi.retention(months),
    }),
  renewals: (p: RenewalParams) =>
    queryOptions({ queryKey: [...keys.reports, "renewals", p], queryFn: () => reportApi.renewals(p) }),
};
