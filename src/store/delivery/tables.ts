import type { Generated, Kysely } from "kysely";
import type { Db } from "../open-store.ts";
import type { OutboxTable, PlaysDatabase } from "../plays/tables.ts";

/** The delivery tables and outbox columns (migration 012); see docs/delivery.md. */

export interface DeliveryOutboxTable extends OutboxTable {
  attempts: Generated<number>;
  retry_from: Generated<number>;
  next_attempt_at: string | null;
  lease_until: string | null;
  locked_by: string | null;
  last_error: string | null;
  last_code: string | null;
  sent_at: string | null;
  updated_at: string | null;
}

export interface DeliveryAttemptTable {
  org_id: number;
  outbox_id: number;
  attempt: number;
  channel: string;
  at: string;
  /** started (written before the send), ok, failed */
  status: string;
  code: string | null;
  error: string | null;
  latency_ms: number | null;
  endpoint_id: number | null;
}

export interface WebhookEndpointTable {
  org_id: number;
  id: Generated<number>;
  url: string;
  secret: string;
  format: string;
  /** JSON array of event types. */
  events: string;
  description: string;
  enabled: number;
  created_at: string;
  updated_at: string;
}

export interface DeliveryDatabase extends Omit<PlaysDatabase, "outbox"> {
  outbox: DeliveryOutboxTable;
  delivery_attempts: DeliveryAttemptTable;
  webhook_endpoints: WebhookEndpointTable;
}

/** The store's Kysely typed with the delivery tables too. */
export const dq = (db: Db): Kysely<DeliveryDatabase> => db.kysely as unknown as Kysely<DeliveryDatabase>;
