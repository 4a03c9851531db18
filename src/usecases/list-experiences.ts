import type { Moment } from "../core/experiences/catalog.ts";
import { type Candidate, type Experience, selectExperiences } from "../core/experiences/select.ts";
import { TACTICS } from "../core/plays/catalog/index.ts";
import { pendingInApp } from "../store/experiences/in-app-outbox.ts";
import { offersOf } from "../store/plays/offers.ts";
import type { UseCaseContext } from "./context.ts";
import { offerFromRow } from "./play-context.ts";

/**
 * What to show one end user now (GET /v1/experiences): the customer's pending in-app outbox rows
 * of open runs, chosen and rendered for the moment by core/experiences, offer terms from the ledger.
 */

interface Payload {
  action?: unknown;
  offer_id?: unknown;
}

export function candidateOf(row: {
  id: number;
  idempotency_key: string;
  tactic: string;
  run_id: string;
  step_id: string;
  payload: string;
  created_at: string;
}): Candidate {
  let p: Payload = {};
  try {
    p = JSON.parse(row.payload) as Payload;
  } catch {
    p = {};
  }
  return {
    id: row.id,
    key: row.idempotency_key,
    tactic: row.tactic,
    runId: row.run_id,
    stepId: row.step_id,
    action: typeof p.action === "string" ? p.action : "",
    collision: TACTICS.get(row.tactic)?.guardrails.collision.class ?? "guidance",
    createdAt: row.created_at,
    offerId: typeof p.offer_id === "string" ? p.offer_id : null,
  };
}

export async function listExperiences(
  ctx: UseCaseContext,
  orgId: number,
  customerId: string,
  moment: Moment,
): Promise<{ customer_id: string; moment: Moment; items: Experience[] }> {
  const rows = await pendingInApp(ctx.db, orgId, customerId);
  if (rows.length === 0) return { customer_id: customerId, moment, items: [] };
  const offers = (await offersOf(ctx.db, orgId, [customerId])).map(offerFromRow);
  return {
    customer_id: customerId,
    moment,
    items: selectExperiences(moment, rows.map(candidateOf), offers, ctx.now()),
  };
}
