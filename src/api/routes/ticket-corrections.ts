import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { ErrorBody } from "../../contracts/common.ts";
import {
  TicketCorrection,
  TicketCorrectionBody,
  TicketCorrectionParams,
} from "../../contracts/ticket-corrections.ts";
import { correctTicket } from "../../usecases/correct-ticket.ts";
import { actorOf, orgOf, requirePermission } from "../auth.ts";
import type { RouteDeps } from "../deps.ts";

/** "Wrong category / wrong churn intent" on an analyzed ticket (csm and above; audited). */
export const ticketCorrectionRoutes: FastifyPluginAsyncZod<RouteDeps> = async (app, deps) => {
  app.post(
    "/tickets/:id/correction",
    {
      preHandler: requirePermission("act"),
      schema: {
        tags: ["tickets"],
        summary:
          "Correct a ticket's category and/or churn intent (stored, audited; joins the classifier's training set)",
        params: TicketCorrectionParams,
        body: TicketCorrectionBody,
        response: { 200: TicketCorrection, 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody },
      },
    },
    async (req) => correctTicket(deps.ctx, orgOf(req), req.params.id, req.body, { actor: actorOf(req) }),
  );
};
