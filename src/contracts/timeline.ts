import { z } from "zod";
import { TIMELINE_KINDS } from "../core/customers/timeline.ts";

export const TimelineQuery = z.object({
  limit: z.coerce
    .number()
    .int("limit must be a whole number")
    .min(1, "limit must be at least 1")
    .max(200, "limit must be at most 200")
    .default(50),
  cursor: z.string().min(1).max(500).optional().describe("the `next` of the previous page"),
});

export const TimelineEntry = z.object({
  id: z
    .string()
    .describe("stable and unique within the customer's timeline: `<kind>:<source id>` (e.g. `ticket:T-12`)"),
  at: z.string().describe("ISO-8601 time; facts known only by day are at midnight UTC"),
  kind: z.enum(TIMELINE_KINDS),
  title: z.string().describe("what happened, in words"),
  detail: z.string(),
});
export type TimelineEntry = z.infer<typeof TimelineEntry>;

export const TimelinePage = z.object({
  items: z.array(TimelineEntry).describe("newest first"),
  next: z.string().nullable().describe("cursor of the next (older) page; null on the last page"),
});
export type TimelinePage = z.infer<typeof TimelinePage>;
