import type { Db } from "../open-store.ts";
import { q } from "./tables.ts";

/** What the plays engine did for one customer, for its timeline: runs and queued effects (newest first, capped). */
export interface PlayTimelineFacts {
  runs: {
    tactic: string;
    run_id: string;
    started_at: string;
    ended_at: string | null;
    exit_cause: string | null;
    exit_detail: string | null;
  }[];
  outbox: {
    id: number;
    tactic: string;
    run_id: string;
    step_id: string;
    channel: string;
    status: string;
    payload: string;
    created_at: string;
  }[];
}

export async function playTimelineFacts(
  db: Db,
  orgId: number,
  customerId: string,
  cap: number,
): Promise<PlayTimelineFacts> {
  const runs = await q(db)
    .selectFrom("play_runs")
    .select(["tactic", "run_id", "started_at", "ended_at", "exit_cause", "exit_detail"])
    .where("org_id", "=", orgId)
    .where("customer_id", "=", customerId)
    .orderBy("started_at", "desc")
    .limit(cap)
    .execute();
  const outbox = await q(db)
    .selectFrom("outbox")
    .select(["id", "tactic", "run_id", "step_id", "channel", "status", "payload", "created_at"])
    .where("org_id", "=", orgId)
    .where("customer_id", "=", customerId)
    .orderBy("created_at", "desc")
    .limit(cap)
    .execute();
  return { runs, outbox: outbox.map((r) => ({ ...r, id: Number(r.id) })) };
}
