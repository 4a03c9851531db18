import type { Db } from "./open-store.ts";

// Reads of one customer's timeline: each source newest first, capped (a customer's timeline is
// read whole up to the cap and paged in memory by the use case).

/** Rows per source at most (the newest). */
export const TIMELINE_SOURCE_CAP = 2_000;

/** Kinds whose daily level changes the timeline shows from the history. */
export const TIMELINE_HISTORY_KINDS = ["churn_risk", "health", "early_warning"] as const;

export interface TimelineFacts {
  changes: {
    id: number;
    kind: string;
    old_score: number | null;
    new_score: number | null;
    old_level: string | null;
    new_level: string;
    crossed: string | null;
    cause: string;
    at: string;
  }[];
  history: { kind: string; day: string; score: number | null; level: string }[];
  transitions: { day: string; from_stage: string | null; to_stage: string; reason: string }[];
  tickets: {
    id: string;
    submitted_at: string;
    subject: string | null;
    priority: string | null;
    escalated: number;
  }[];
  nps: { respondent: string; day: string; score: number; comment: string | null }[];
  outcomes: { id: number; outcome: string; notes: string; author: string; created_at: string }[];
  /** Audit entries about the customer (checklist ticks, profile writes) and the org's imports. */
  audit: {
    id: number;
    at: string;
    actor: string;
    action: string;
    subject: string | null;
    detail: string | null;
  }[];
}

const IMPORT_ACTIONS = ["import.ravenstack", "import.events_workspace", "demo.workspace"];

/** Every source of one customer's timeline (each newest first, capped). */
export async function timelineFacts(db: Db, orgId: number, customerId: string): Promise<TimelineFacts> {
  const k = db.kysely;
  const changes = await k
    .selectFrom("score_changes")
    .select(["id", "kind", "old_score", "new_score", "old_level", "new_level", "crossed", "cause", "at"])
    .where("org_id", "=", orgId)
    .where("customer_id", "=", customerId)
    .orderBy("id", "desc")
    .limit(TIMELINE_SOURCE_CAP)
    .execute();
  const history = await k
    .selectFrom("score_history")
    .select(["kind", "day", "score", "level"])
    .where("org_id", "=", orgId)
    .where("kind", "in", [...TIMELINE_HISTORY_KINDS])
    .where("customer_id", "=", customerId)
    .orderBy("kind")
    .orderBy("day")
    .execute();
  const transitions = await k
    .selectFrom("lifecycle_transitions")
    .select(["day", "from_stage", "to_stage", "reason"])
    .where("org_id", "=", orgId)
    .where("customer_id", "=", customerId)
    .orderBy("day", "desc")
    .limit(TIMELINE_SOURCE_CAP)
    .execute();
  const tickets = await k
    .selectFrom("tickets")
    .select(["id", "submitted_at", "subject", "priority", "escalated"])
    .where("org_id", "=", orgId)
    .where("customer_id", "=", customerId)
    .orderBy("submitted_at", "desc")
    .limit(TIMELINE_SOURCE_CAP)
    .execute();
  const nps = await k
    .selectFrom("nps_responses")
    .select(["respondent", "day", "score", "comment"])
    .where("org_id", "=", orgId)
    .where("customer_id", "=", customerId)
    .orderBy("day", "desc")
    .limit(TIMELINE_SOURCE_CAP)
    .execute();
  const outcomes = await k
    .selectFrom("outcomes")
    .select(["id", "outcome", "notes", "author", "created_at"])
    .where("org_id", "=", orgId)
    .where("customer_id", "=", customerId)
    .orderBy("id", "desc")
    .limit(TIMELINE_SOURCE_CAP)
    .execute();
  const audit = await k
    .selectFrom("audit_log")
    .select(["id", "at", "actor", "action", "subject", "detail"])
    .where("org_id", "=", orgId)
    .where((eb) =>
      eb.or([
        eb.and([
          eb("action", "in", ["checklist.done", "checklist.undone"]),
          eb("subject", "=", `customer:${customerId}`),
        ]),
        eb.and([eb("action", "in", ["customer.create", "customer.update"]), eb("subject", "=", customerId)]),
        eb("action", "in", IMPORT_ACTIONS),
      ]),
    )
    .orderBy("id", "desc")
    .limit(TIMELINE_SOURCE_CAP)
    .execute();
  return {
    changes: changes.map((r) => ({
      ...r,
      id: Number(r.id),
      old_score: r.old_score === null ? null : Number(r.old_score),
      new_score: r.new_score === null ? null : Number(r.new_score),
    })),
    history: history.map((r) => ({ ...r, score: r.score === null ? null : Number(r.score) })),
    transitions,
    tickets: tickets.map((r) => ({ ...r, escalated: Number(r.escalated) })),
    nps: nps.map((r) => ({ ...r, score: Number(r.score) })),
    outcomes: outcomes.map((r) => ({ ...r, id: Number(r.id) })),
    audit: audit.map((r) => ({ ...r, id: Number(r.id) })),
  };
}
