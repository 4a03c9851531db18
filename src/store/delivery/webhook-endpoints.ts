import type { Selectable } from "kysely";
import type { Db } from "../open-store.ts";
import { dq, type WebhookEndpointTable } from "./tables.ts";

export interface WebhookEndpoint {
  id: number;
  url: string;
  secret: string;
  format: string;
  events: string[];
  description: string;
  enabled: boolean;
  createdAt: string;
  updatedAt: string;
}

const toEndpoint = (r: Selectable<WebhookEndpointTable>): WebhookEndpoint => ({
  id: Number(r.id),
  url: r.url,
  secret: r.secret,
  format: r.format,
  events: JSON.parse(r.events) as string[],
  description: r.description,
  enabled: Number(r.enabled) === 1,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

export interface EndpointFields {
  url: string;
  format: string;
  events: readonly string[];
  description: string;
  enabled: boolean;
}

export async function insertEndpoint(
  db: Db,
  orgId: number,
  f: EndpointFields & { secret: string },
  now: Date,
): Promise<WebhookEndpoint> {
  const at = now.toISOString();
  const r = await dq(db)
    .insertInto("webhook_endpoints")
    .values({
      org_id: orgId,
      url: f.url,
      secret: f.secret,
      format: f.format,
      events: JSON.stringify(f.events),
      description: f.description,
      enabled: f.enabled ? 1 : 0,
      created_at: at,
      updated_at: at,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toEndpoint(r);
}

export async function updateEndpoint(
  db: Db,
  orgId: number,
  id: number,
  f: Partial<EndpointFields>,
  now: Date,
): Promise<WebhookEndpoint | null> {
  const r = await dq(db)
    .updateTable("webhook_endpoints")
    .set({
      ...(f.url === undefined ? {} : { url: f.url }),
      ...(f.format === undefined ? {} : { format: f.format }),
      ...(f.events === undefined ? {} : { events: JSON.stringify(f.events) }),
      ...(f.description === undefined ? {} : { description: f.description }),
      ...(f.enabled === undefined ? {} : { enabled: f.enabled ? 1 : 0 }),
      updated_at: now.toISOString(),
    })
    .where("org_id", "=", orgId)
    .where("id", "=", id)
    .returningAll()
    .executeTakeFirst();
  return r ? toEndpoint(r) : null;
}

export async function deleteEndpoint(db: Db, orgId: number, id: number): Promise<boolean> {
  const r = await dq(db)
    .deleteFrom("webhook_endpoints")
    .where("org_id", "=", orgId)
    .where("id", "=", id)
    .executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

export async function getEndpoint(db: Db, orgId: number, id: number): Promise<WebhookEndpoint | null> {
  const r = await dq(db)
    .selectFrom("webhook_endpoints")
    .selectAll()
    .where("org_id", "=", orgId)
    .where("id", "=", id)
    .executeTakeFirst();
  return r ? toEndpoint(r) : null;
}

export async function listEndpoints(db: Db, orgId: number): Promise<WebhookEndpoint[]> {
  const rows = await dq(db)
    .selectFrom("webhook_endpoints")
    .selectAll()
    .where("org_id", "=", orgId)
    .orderBy("id")
    .execute();
  return rows.map(toEndpoint);
}
