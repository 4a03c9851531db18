import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { ErrorBody } from "../../contracts/common.ts";
import { EVENT_LIMITS, EVENT_LIMITS_TEXT, EVENT_TYPES, EventBatchResult } from "../../contracts/events.ts";
import { ingestEventBatch } from "../../usecases/ingest-events.ts";
import { orgOf, requirePermission } from "../auth.ts";
import type { RouteDeps } from "../deps.ts";

export const eventRoutes: FastifyPluginAsyncZod<RouteDeps> = async (app, deps) => {
  // NDJSON arrives as text; each line is parsed and validated on its own.
  app.addContentTypeParser(
    ["application/x-ndjson", "application/ndjson"],
    { parseAs: "string", bodyLimit: EVENT_LIMITS.maxBodyBytes },
    (_req, body, done) => done(null, body),
  );

  app.post(
    "/events",
    {
      bodyLimit: EVENT_LIMITS.maxBodyBytes,
      preHandler: requirePermission("ingest"),
      schema: {
        tags: ["events"],
        summary: `Ingest a batch of events (JSON array or NDJSON; at most ${EVENT_LIMITS.maxBatch.toLocaleString("en-US")} events and ${EVENT_LIMITS.maxBodyBytes / 1024 / 1024} MiB per request)`,
        description: `Each event is {id, customer_id, type, timestamp (ISO 8601), properties}. Types: ${EVENT_TYPES.join(", ")}. A repeated id is ignored (counted in duplicates). Invalid events are listed in rejected with their index, field and reason; the valid events of the same batch are kept. Limits per event: ${EVENT_LIMITS_TEXT}. Days are UTC calendar days of the timestamp.`,
        body: z.union([z.array(z.unknown()), z.string()]),
        response: { 200: EventBatchResult, 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 413: ErrorBody },
      },
    },
    async (req) => {
      const out = await ingestEventBatch(deps.ctx, orgOf(req), req.body);
      if (out.queued.length > 0) deps.wake?.();
      return { accepted: out.accepted, duplicates: out.duplicates, rejected: out.rejected };
    },
  );
};
