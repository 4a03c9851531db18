/**
 * The Outbox page's endpoints (list, one entry with its attempts, redeliver), typed from the zod
 * contracts (types only), under one query key: a redelivery refreshes every outbox figure and
 * the customers (their timelines show deliveries).
 */
import { queryOptions } from "@tanstack/react-query";
import type {
  OUTBOX_CHANNEL_VALUES,
  OUTBOX_STATUS_VALUES,
  OutboxDetail,
  OutboxList,
} from "../../../../src/contracts/outbox.ts";
import type {
  WebhookEndpointCreatedT,
  WebhookEndpointListT,
  WebhookTestResultT,
} from "../../../../src/contracts/webhooks.ts";
import { apiJson, queryString, sendJson } from "../../api/http.ts";
import { keys } from "../../api/queries.ts";

export type { OutboxDetail, OutboxEntry, OutboxList } from "../../../../src/contracts/outbox.ts";
export type OutboxChannel = (typeof OUTBOX_CHANNEL_VALUES)[number];
export type OutboxStatus = (typeof OUTBOX_STATUS_VALUES)[number];

/** The filters' choices (the contract's enums, repeated as values: the dashboard imports types only). */
export const CHANNELS: readonly OutboxChannel[] = [
  "email",
  "sms",
  "slack",
  "webhook",
  "in_app",
  "csm_task",
  "deal",
  "insight",
];
export const STATUSES: readonly OutboxStatus[] = [
  "pending",
  "sending",
  "sent",
  "dead",
  "held",
  "delivered",
  "cancelled",
];

export interface OutboxParams {
  channel?: OutboxChannel | undefined;
  status?: OutboxStatus | undefined;
  tactic?: string | undefined;
  customer?: string | undefined;
  offset?: number | undefined;
  limit?: number | undefined;
}

export const outboxKey = ["outbox"] as const;

export const outboxQueries = {
  list: (p: OutboxParams) =>
    queryOptions({
      queryKey: [...outboxKey, "list", p],
      queryFn: () => apiJson<OutboxList>(`/v1/outbox${queryString({ ...p })}`),
    }),
  detail: (id: number) =>
    queryOptions({
      queryKey: [...outboxKey, "detail", id],
      queryFn: () => apiJson<OutboxDetail>(`/v1/outbox/${id}`),
    }),
};

export const OUTBOX_WRITE = { invalidates: [outboxKey, keys.customers] } as const;

export const outboxApi = {
  retry: (id: number) => sendJson<{ retried: number[] }>("POST", `/v1/outbox/${id}/retry`, {}),
};

export type EndpointList = WebhookEndpointListT;
export type Endpoint = EndpointList["items"][number];
type EndpointCreated = WebhookEndpointCreatedT;
type TestResult = WebhookTestResultT;

/** The webhook event types (the contract's enum, as values). */
export const EVENT_TYPES = [
  "score.band_changed",
  "score.threshold_crossed",
  "play.fired",
  "task.created",
  "offer.proposed",
  "offer.accepted",
  "outcome.logged",
  "customer.churned",
] as const;

export const webhooksKey = ["webhooks"] as const;
export const WEBHOOKS_WRITE = { invalidates: [webhooksKey, outboxKey] } as const;

export const webhookQueries = {
  list: () =>
    queryOptions({
      queryKey: [...webhooksKey, "list"],
      queryFn: () => apiJson<EndpointList>("/v1/webhooks"),
      retry: false,
    }),
};

export const webhookApi = {
  create: (b: { url: string; events: string[]; format: string; description: string }) =>
    sendJson<EndpointCreated>("POST", "/v1/webhooks", b),
  test: (id: number) => sendJson<TestResult>("POST", `/v1/webhooks/${id}/test`, {}),
  remove: (id: number) => apiJson<{ deleted: number }>(`/v1/webhooks/${id}`, { method: "DELETE" }),
};
