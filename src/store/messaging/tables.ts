import type { Kysely } from "kysely";
import type { Db } from "../open-store.ts";
import type { PlaysDatabase } from "../plays/tables.ts";

/** The messaging tables (migration 013); see docs/delivery.md. */

export interface MessageTemplateTable {
  org_id: number;
  action: string;
  version: number;
  subject: string;
  html: string;
  text: string;
  author: string;
  reason: string;
  created_at: string;
}

export interface EmailSuppressionTable {
  org_id: number;
  address: string;
  reason: string;
  customer_id: string | null;
  created_at: string;
}

export interface OrgSecretTable {
  org_id: number;
  name: string;
  value: string;
  created_at: string;
}

export interface EmailSendTable {
  org_id: number;
  outbox_id: number;
  message_id: string;
  response: string;
  at: string;
}

export interface MessagingDatabase extends PlaysDatabase {
  email_sends: EmailSendTable;
  message_templates: MessageTemplateTable;
  email_suppressions: EmailSuppressionTable;
  org_secrets: OrgSecretTable;
}

/** The store's Kysely typed with the messaging tables too. */
export const mq = (db: Db): Kysely<MessagingDatabase> => db.kysely as unknown as Kysely<MessagingDatabase>;
