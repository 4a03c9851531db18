import {
  TEST_EVENT_TYPE,
  WEBHOOK_EVENT_TYPES,
  WEBHOOK_FORMATS,
  WEBHOOK_PAYLOAD_VERSION,
  type WebhookEvent,
} from "../../core/delivery/webhook-events.ts";
import { HoldfastError } from "../../core/errors.ts";
import { appendAudit } from "../../store/audit.ts";
import { lastChangeId } from "../../store/delivery/dispatch-jobs.ts";
import { endpointAttempts, outboxRowById } from "../../store/delivery/outbox-list.ts";
import {
  deleteEndpoint,
  type EndpointFields,
  getEndpoint,
  insertEndpoint,
  listEndpoints,
  updateEndpoint,
  type WebhookEndpoint,
} from "../../store/delivery/webhook-endpoints.ts";
import { outboxByKey } from "../../store/plays/outbox.ts";
import { advanceCursor } from "../../store/score-changes.ts";
import { withTransaction } from "../../store/transaction.ts";
import type { UseCaseContext } from "../context.ts";
import { dispatchOutbox } from "./dispatch-outbox.ts";
import { WEBHOOKS_CONSUMER } from "./score-change-fanout.ts";
import { emitWebhookEvents } from "./webhook-fanout.ts";
import { newWebhookSecret } from "./webhook-signature.ts";

/**
 * Webhook endpoints per org (docs/webhooks.md). The signing secret is stored as is (it must
 * sign every delivery) and shown once, in the answer that creates the endpoint; every other
 * answer carries only its last four characters.
 */

export interface EndpointView {
  id: number;
  url: string;
  format: string;
  events: string[];
  description: string;
  enabled: boolean;
  secret_hint: string;
  created_at: string;
  updated_at: string;
}

export const endpointView = (e: WebhookEndpoint): EndpointView => ({
  id: e.id,
  url: e.url,
  format: e.format,
  events: e.events,
  description: e.description,
  enabled: e.enabled,
  secret_hint: `whsec_…${e.secret.slice(-4)}`,
  created_at: e.createdAt,
  updated_at: e.updatedAt,
});

export interface EndpointInput {
  url?: string | undefined;
  format?: string | undefined;
  events?: readonly string[] | undefined;
  description?: string | undefined;
  enabled?: boolean | undefined;
}

function validate(input: EndpointInput, creating: boolean): Partial<EndpointFields> {
  const errs: string[] = [];
  const out: Partial<EndpointFields> = {};
  if (input.url !== undefined || creating) {
    let ok = false;
    try {
      const u = new URL(input.url ?? "");
      ok = (u.protocol === "http:" || u.protocol === "https:") && u.hostname !== "";
    } catch {}
    if (!ok) errs.push(`url: expected an http:// or https:// URL, got ${JSON.stringify(input.url ?? "")}`);
    else if ((input.url ?? "").length > 2_000) errs.push("url: longer than 2000 characters");
    else out.url = input.url!;
  }
  if (input.format !== undefined || creating) {
    const f = input.format ?? "holdfast";
    if (!(WEBHOOK_FORMATS as readonly string[]).includes(f))
      errs.push(`format: expected one of ${WEBHOOK_FORMATS.join(", ")}, got ${JSON.stringify(f)}`);
    else out.format = f;
  }
  if (input.events !== undefined || creating) {
    const ev = input.events ?? [];
    const bad = ev.filter((e) => !(WEBHOOK_EVENT_TYPES as readonly string[]).includes(e));
    if (ev.length === 0) errs.push(`events: name at least one of ${WEBHOOK_EVENT_TYPES.join(", ")}`);
    else if (bad.length > 0)
      errs.push(`events: unknown event type ${bad.join(", ")} (known: ${WEBHOOK_EVENT_TYPES.join(", ")})`);
    else out.events = [...new Set(ev)];
  }
  if (input.description !== undefined || creating) {
    const d = input.description ?? "";
    if (d.length > 500) errs.push("description: longer than 500 characters");
    else out.description = d;
  }
  if (input.enabled !== undefined || creating) out.enabled = input.enabled ?? true;
  if (errs.length > 0)
    throw new HoldfastError("invalid_input", "Invalid webhook endpoint", { details: errs });
  return out;
}

async function mustGet(ctx: UseCaseContext, orgId: number, id: number): Promise<WebhookEndpoint> {
  const e = await getEndpoint(ctx.db, orgId, id);
  if (!e) throw new HoldfastError("not_found", `No webhook endpoint ${id} in this org`);
  return e;
}

export async function listWebhooks(ctx: UseCaseContext, orgId: number): Promise<EndpointView[]> {
  return (await listEndpoints(ctx.db, orgId)).map(endpointView);
}

/** Creates an endpoint; the answer is the only one that carries the secret. */
export async function createWebhook(ctx: UseCaseContext, orgId: number, input: EndpointInput, actor: string) {
  const fields = validate(input, true) as EndpointFields;
  const now = ctx.now();
  const secret = newWebhookSecret();
  const e = await withTransaction(ctx.db, async (tx) => {
    const e = await insertEndpoint(tx, orgId, { ...fields, secret }, now);
    // The endpoint hears of score changes from now on, not the org's whole history.
    await advanceCursor(tx, orgId, WEBHOOKS_CONSUMER, await lastChangeId(tx, orgId));
    await appendAudit(tx, orgId, now, {
      actor,
      action: "webhooks.create",
      subject: String(e.id),
      detail: { url: e.url, format: e.format, events: e.events },
    });
    return e;
  });
  return { ...endpointView(e), secret };
}

export async function updateWebhook(
  ctx: UseCaseContext,
  orgId: number,
  id: number,
  input: EndpointInput,
  actor: string,
): Promise<EndpointView> {
  const fields = validate(input, false);
  const now = ctx.now();
  const e = await withTransaction(ctx.db, async (tx) => {
    const e = await updateEndpoint(tx, orgId, id, fields, now);
    if (!e) throw new HoldfastError("not_found", `No webhook endpoint ${id} in this org`);
    await appendAudit(tx, orgId, now, {
      actor,
      action: "webhooks.update",
      subject: String(id),
      detail: fields,
    });
    return e;
  });
  return endpointView(e);
}

export async function deleteWebhook(ctx: UseCaseContext, orgId: number, id: number, actor: string) {
  const now = ctx.now();
  await withTransaction(ctx.db, async (tx) => {
    if (!(await deleteEndpoint(tx, orgId, id)))
      throw new HoldfastError("not_found", `No webhook endpoint ${id} in this org`);
    await appendAudit(tx, orgId, now, { actor, action: "webhooks.delete", subject: String(id) });
  });
  return { deleted: id };
}

/** An endpoint with its delivery log (the latest attempts). */
export async function getWebhook(ctx: UseCaseContext, orgId: number, id: number, limit = 100) {
  const e = await mustGet(ctx, orgId, id);
  const log = await endpointAttempts(ctx.db, orgId, id, limit);
  return { ...endpointView(e), deliveries: log };
}

/**
 * Sends a `webhook.test` event to one endpoint now, through the outbox and the dispatcher like
 * any event (so it shows in the log); answers with the row as it ended.
 */
export async function testWebhook(ctx: UseCaseContext, orgId: number, id: number, actor: string) {
  const e = await mustGet(ctx, orgId, id);
  const now = ctx.now();
  const event: WebhookEvent = {
    id: `test_${now.getTime().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`,
    type: TEST_EVENT_TYPE,
    version: WEBHOOK_PAYLOAD_VERSION,
    created_at: now.toISOString(),
    customer_id: null,
    data: { message: "Test event from Holdfast", endpoint_id: e.id },
  };
  await withTransaction(ctx.db, async (tx) => {
    await emitWebhookEvents(tx, orgId, [event], now, [{ ...e, enabled: true }]);
    await appendAudit(tx, orgId, now, { actor, action: "webhooks.test", subject: String(id) });
  });
  const row = await outboxByKey(ctx.db, orgId, `wh:${e.id}:${event.id}`);
  if (!row) throw new HoldfastError("conflict", "The test event was not queued");
  await dispatchOutbox(ctx, orgId, { ids: [row.id], maxBatches: 1 });
  const after = await outboxRowById(ctx.db, orgId, row.id);
  return {
    outbox_id: row.id,
    event_id: event.id,
    status: after?.status ?? "pending",
    code: after?.last_code ?? null,
    error: after?.last_error ?? null,
  };
}
