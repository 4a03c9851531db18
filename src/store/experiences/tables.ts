import type { Kysely } from "kysely";
import type { Db } from "../open-store.ts";
import type { PlaysDatabase } from "../plays/tables.ts";

/** The in-app experiences tables (migration 014); see docs/in-app.md. */

export interface ExperienceKeyTable {
  org_id: number;
  publishable_key: string;
  identity_secret: string;
  secret_rotated_at: string;
  created_at: string;
}

export interface ExperienceResponseTable {
  org_id: number;
  response_id: string;
  outbox_id: number;
  customer_id: string;
  type: string;
  /** JSON: the answer returned to the client (replayed on a retry). */
  answer: string;
  at: string;
}

export interface ExperiencesDatabase extends PlaysDatabase {
  experience_keys: ExperienceKeyTable;
  experience_responses: ExperienceResponseTable;
}

export const q = (db: Db): Kysely<ExperiencesDatabase> => db.kysely as unknown as Kysely<ExperiencesDatabase>;
