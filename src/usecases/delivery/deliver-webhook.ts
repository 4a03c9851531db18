import { crmBody } from "../../core/delivery/crm.ts";
import type { WebhookEvent } from "../../core/delivery/webhook-events.ts";
import { crmFacts } from "../../store/delivery/crm-facts.ts";
import { getEndpoint } from "../../store/delivery/webhook-endpoints.ts";
import { batchOrgConfig, perBatch } from "./batch-cache.ts";
import type { Deliverer } from "./deliverer.ts";
import { postJson } from "./http-post.ts";
import { IDEMPOTENCY_HEADER, SIGNATURE_HEADER, signatureHeader } from "./webhook-signature.ts";

/**
 * Delivers one (endpoint, event) row: the body in the endpoint's format, signed with its
 * secret, the idempotency key in a header. A deleted or disabled endpoint ends the row dead.
 */
export const deliverWebhook: Deliverer = async (ctx, item, signal) => {
  const endpointId = Number(item.payload.endpoint_id);
  const event = item.payload.event as WebhookEvent | undefined;
  if (!Number.isInteger(endpointId) || !event)
    return {
      ok: false,
      retryable: false,
      error: "not a webhook delivery (no endpoint_id or event in the payload)",
    };
  const endpoint = await perBatch(ctx, `endpoint:${item.orgId}:${endpointId}`, () =>
    getEndpoint(ctx.db, item.orgId, endpointId),
  );
  if (!endpoint) return { ok: false, retryable: false, error: `webhook endpoint ${endpointId} was deleted` };
  if (!endpoint.enabled)
    return { ok: false, retryable: false, error: `webhook endpoint ${endpointId} is disabled` };
  let bodyObj: unknown = event;
  if ((endpoint.format === "hubspot" || endpoint.format === "salesforce") && event.customer_id) {
    const [facts] = await crmFacts(ctx.db, item.orgId, [event.customer_id]);
    if (facts)
      bodyObj = crmBody(endpoint.format, facts, { id: event.id, type: event.type, version: event.version });
  }
  const body = JSON.stringify(bodyObj);
  const { config } = await batchOrgConfig(ctx, item.orgId);
  return postJson(
    endpoint.url,
    body,
    {
      [SIGNATURE_HEADER]: signatureHeader(endpoint.secret, body, ctx.now()),
      [IDEMPOTENCY_HEADER]: item.idempotencyKey,
      "Holdfast-Event": event.type,
    },
    config.delivery.webhooks.timeoutMs,
    signal,
  );
};
