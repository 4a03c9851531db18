import type { Kysely } from "kysely";
import type { Db } from "../open-store.ts";
import type { Database } from "../schema.ts";

/** One move of a customer's live MRR (migration 016). */
export interface MrrChangeTable {
  org_id: number;
  customer_id: string;
  /** What wrote it: an event id, or `import` for a load rebuilt from subscription spans. */
  source: string;
  at: string;
  ord: number;
  from_mrr: number;
  to_mrr: number;
  cause: string;
}

/** The subscription columns migration 016 adds (the next renewal, kept by the refresh). */
export interface RenewalColumns {
  renewal_date: string | null;
  /** renewal, contract_end, trial_end, or none; null until the refresh computes it. */
  renewal_kind: string | null;
  renewal_term: number | null;
}

export interface RenewalDatesStateTable {
  org_id: number;
  as_of: string;
}

export interface RetentionDatabase extends Omit<Database, "subscriptions"> {
  mrr_changes: MrrChangeTable;
  renewal_dates_state: RenewalDatesStateTable;
  subscriptions: Database["subscriptions"] & RenewalColumns;
}

/** The store's Kysely typed with the retention tables too (they live beside the shared schema). */
export const rq = (db: Db): Kysely<RetentionDatabase> => db.kysely as unknown as Kysely<RetentionDatabase>;
