import { z } from "zod";

/**
 * POST /v1/events. The event vocabulary (types, property schemas, envelope, limits) is the
 * domain's, in src/core/events/schema.ts; it is re-exported here for the API and the dashboard.
 */
export {
  type CanonicalEvent,
  EVENT_LIMITS,
  EVENT_LIMITS_TEXT,
  EVENT_PROPERTIES,
  EVENT_TYPES,
  EventEnvelope,
  type EventType,
} from "../core/events/schema.ts";

export const EventBatchResult = z.object({
  accepted: z.number().int().describe("new events stored"),
  duplicates: z.number().int().describe("events whose id was already stored (ignored)"),
  rejected: z.array(
    z.object({
      index: z.number().int().describe("0-based position in the batch"),
      id: z.string().optional(),
      field: z.string().describe("e.g. timestamp, properties.score"),
      reason: z.string(),
    }),
  ),
});
export type EventBatchResult = z.infer<typeof EventBatchResult>;
