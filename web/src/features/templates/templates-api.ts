/**
 * Message templates (email and SMS per step action): list, versions, save, preview with a real
 * customer, typed from the zod contracts (types only). Saving invalidates every template query.
 */
import { queryOptions } from "@tanstack/react-query";
import type {
  TemplateBody,
  TemplateList,
  TemplatePreview,
  TemplateView,
} from "../../../../src/contracts/templates.ts";
import { apiJson, sendJson } from "../../api/http.ts";

export type { TemplateBody, TemplateList, TemplatePreview, TemplateView };

export const templatesKey = ["templates"] as const;

export const templateQueries = {
  list: () =>
    queryOptions({
      queryKey: [...templatesKey, "list"],
      queryFn: () => apiJson<TemplateList>("/v1/templates"),
    }),
  preview: (action: string, customerId: string, draft: TemplateBody) =>
    queryOptions({
      queryKey: [...templatesKey, "preview", action, customerId, draft],
      queryFn: () =>
        sendJson<TemplatePreview>("POST", `/v1/templates/${encodeURIComponent(action)}/preview`, {
          customerId,
          draft,
        }),
      enabled: customerId.trim() !== "",
      retry: false,
    }),
  customers: () =>
    queryOptions({
      queryKey: [...templatesKey, "customers"],
      queryFn: () =>
        apiJson<{ items: { customer_id: string; account_name: string | null }[] }>("/v1/customers?limit=50"),
    }),
};

export const templateApi = {
  save: (action: string, body: TemplateBody & { reason: string }) =>
    sendJson<TemplateView>("PUT", `/v1/templates/${encodeURIComponent(action)}`, body),
};
