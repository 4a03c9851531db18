import { HoldfastError } from "../core/errors.ts";
import { accept } from "../core/plays/offers-ledger.ts";
import { appendAudit } from "../store/audit.ts";
import { inAppRowOf, markInAppDelivered } from "../store/experiences/in-app-outbox.ts";
import { findExperienceResponse, insertExperienceResponse } from "../store/experiences/responses.ts";
import { offersOf, saveOffers } from "../store/plays/offers.ts";
import { withTransaction } from "../store/transaction.ts";
import type { UseCaseContext } from "./context.ts";
import { emitOfferAccepted } from "./delivery/emit-event.ts";
import { ingestEventBatch } from "./ingest-events.ts";
import { candidateOf } from "./list-experiences.ts";
import { offerFromRow, offerToRow } from "./play-context.ts";

/**
 * An end user's answer to an experience (POST /v1/experiences/:id/responses), in one transaction:
 * the event through the events intake (`offer_seen` for an impression, `offer_dismissed`,
 * `offer_accepted` for an accept or a call to action; its `offer_id` is `<run>:<step>`, so the
 * next plays tick routes it to the run), the ledger's acceptance at once for an accepted offer,
 * the outbox row marked delivered (it was shown), the audit row, and the response keyed by the
 * client's response id: a retry answers what the first call answered and writes nothing.
 */

export const RESPONSE_TYPES = ["impression", "dismiss", "accept", "cta"] as const;
export type ResponseType = (typeof RESPONSE_TYPES)[number];

const EVENT_OF = {
  impression: "offer_seen",
  dismiss: "offer_dismissed",
  accept: "offer_accepted",
  cta: "offer_accepted",
} as const;

export interface ResponseInput {
  response_id: string;
  type: ResponseType;
  moment?: string | undefined;
  /** Free text the end user gave (cancel reason...), kept on the event. */
  reason?: string | undefined;
}

export interface ResponseAnswer {
  experience_id: string;
  response_id: string;
  type: ResponseType;
  event: string;
  offer: { id: string; status: string; decided_at: string | null } | null;
  duplicate: boolean;
}

export async function respondToExperience(
  ctx: UseCaseContext,
  orgId: number,
  customerId: string,
  experienceId: string,
  input: ResponseInput,
): Promise<ResponseAnswer> {
  const id = Number(experienceId);
  if (!Number.isSafeInteger(id) || id <= 0)
    throw new HoldfastError("not_found", `No experience ${experienceId} for this customer`);
  const now = ctx.now();
  const replay = (stored: { outbox_id: number; customer_id: string; answer: string }) => {
    if (stored.outbox_id !== id || stored.customer_id !== customerId)
      throw new HoldfastError(
        "conflict",
        `response_id ${input.response_id} was already used for another experience: send a new id per answer`,
      );
    return { ...(JSON.parse(stored.answer) as ResponseAnswer), duplicate: true };
  };
  return withTransaction(ctx.db, async (tx) => {
    const seen = await findExperienceResponse(tx, orgId, input.response_id);
    if (seen) return replay(seen);
    const row = await inAppRowOf(tx, orgId, customerId, id);
    if (!row) throw new HoldfastError("not_found", `No experience ${experienceId} for this customer`);
    const c = candidateOf(row);
    const event = EVENT_OF[input.type];
    // The ledger first: a refused acceptance writes nothing.
    let offer: ResponseAnswer["offer"] = null;
    let accepted: ReturnType<typeof accept> | null = null;
    if (c.offerId) {
      const o = (await offersOf(tx, orgId, [customerId])).map(offerFromRow).find((x) => x.id === c.offerId);
      if (!o)
        throw new HoldfastError(
          "not_found",
          `The offer ${c.offerId} of experience ${id} is not in the ledger`,
        );
      offer = { id: o.id, status: o.status, decided_at: o.decidedAt };
      if (event === "offer_accepted") {
        accepted = accept(o, now);
        if (!accepted.ok)
          throw new HoldfastError(
            "conflict",
            `Offer ${o.id} cannot be accepted: ${accepted.rule}: ${accepted.message}`,
          );
        offer = { id: o.id, status: accepted.value.status, decided_at: accepted.value.decidedAt };
      }
    }
    const answer: ResponseAnswer = {
      experience_id: String(id),
      response_id: input.response_id,
      type: input.type,
      event,
      offer,
      duplicate: false,
    };
    const at = now.toISOString();
    if (
      !(await insertExperienceResponse(tx, {
        org_id: orgId,
        response_id: input.response_id,
        outbox_id: id,
        customer_id: customerId,
        type: input.type,
        answer: JSON.stringify(answer),
        at,
      }))
    ) {
      const raced = await findExperienceResponse(tx, orgId, input.response_id);
      if (raced) return replay(raced);
      throw new HoldfastError("conflict", `response_id ${input.response_id} is being recorded: retry`);
    }
    const ingest = await ingestEventBatch({ ...ctx, db: tx }, orgId, [
      {
        id: `experience:${input.response_id}`,
        customer_id: customerId,
        type: event,
        timestamp: at,
        properties: {
          offer_id: `${c.runId}:${c.stepId}`,
          experience_id: String(id),
          tactic: c.tactic,
          action: c.action,
          response: input.type,
          ...(input.moment ? { moment: input.moment } : {}),
          ...(input.reason ? { reason: input.reason } : {}),
        },
      },
    ]);
    if (ingest.rejected.length > 0)
      throw new HoldfastError("invalid_input", "The response's event was refused", {
        details: ingest.rejected.map((r) => JSON.stringify(r)),
      });
    if (accepted?.ok) await saveOffers(tx, orgId, [offerToRow(accepted.value)]);
    if (accepted?.ok) await emitOfferAccepted(tx, orgId, accepted.value, now);
    const delivered = await markInAppDelivered(tx, orgId, id);
    await appendAudit(tx, orgId, now, {
      actor: `end-user:${customerId}`,
      action: `experiences.${input.type}`,
      subject: row.idempotency_key,
      detail: { experience: id, event, offer, delivered, responseId: input.response_id },
    });
    return answer;
  });
}
