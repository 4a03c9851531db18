import type { z } from "zod";
import {
  type CanonicalEvent,
  EVENT_LIMITS,
  EVENT_PROPERTIES,
  type EventBatchResult,
  EventEnvelope,
} from "../../contracts/events.ts";
import { HoldfastError } from "../../core/errors.ts";

export type Rejection = EventBatchResult["rejected"][number];

export interface ParsedBatch {
  /** Valid events, in batch order, each at most once (a repeated id inside the batch is a duplicate). */
  events: CanonicalEvent[];
  rejected: Rejection[];
  /** Events whose id appeared earlier in the same batch. */
  duplicatesInBatch: number;
}

/** Clock skew a producer may have: events stamped further ahead than this are refused. */
const MAX_FUTURE_MS = 24 * 3600 * 1000;

/**
 * Splits a batch into valid events and per-event rejections. `body` is either a parsed JSON
 * array or NDJSON text (one event per line; blank lines skipped). The batch as a whole is
 * refused only when it is not a list or is over the stated limit.
 */
export function parseEventBatch(body: unknown, now: Date): ParsedBatch {
  const items = toItems(body);
  if (items.length > EVENT_LIMITS.maxBatch) {
    throw new HoldfastError(
      "limit_exceeded",
      `The batch has ${items.length.toLocaleString("en-US")} events; the limit is ${EVENT_LIMITS.maxBatch.toLocaleString("en-US")} per request`,
    );
  }
  const latest = now.getTime() + MAX_FUTURE_MS;
  const out: ParsedBatch = { events: [], rejected: [], duplicatesInBatch: 0 };
  const seen = new Set<string>();
  for (let index = 0; index < items.length; index++) {
    const item = items[index];
    if (item instanceof LineError) {
      out.rejected.push({ index, field: "(event)", reason: item.message });
      continue;
    }
    const id =
      typeof item === "object" && item !== null && typeof (item as { id?: unknown }).id === "string"
        ? (item as { id: string }).id
        : undefined;
    const env = EventEnvelope.safeParse(item);
    if (!env.success) {
      out.rejected.push(rejection(index, id, env.error, ""));
      continue;
    }
    const props = EVENT_PROPERTIES[env.data.type].safeParse(env.data.properties);
    if (!props.success) {
      out.rejected.push(rejection(index, id, props.error, "properties."));
      continue;
    }
    const t = Date.parse(env.data.timestamp);
    if (t > latest) {
      out.rejected.push({ index, id, field: "timestamp", reason: "is more than 24 hours in the future" });
      continue;
    }
    if (seen.has(env.data.id)) {
      out.duplicatesInBatch++;
      continue;
    }
    seen.add(env.data.id);
    out.events.push({ ...env.data, properties: props.data as Record<string, unknown> });
  }
  return out;
}

class LineError {
  readonly message: string;
  constructor(message: string) {
    this.message = message;
  }
}

function toItems(body: unknown): unknown[] {
  if (Array.isArray(body)) return body;
  if (typeof body === "string" || Buffer.isBuffer(body)) {
    const text = String(body);
    const items: unknown[] = [];
    let line = 0;
    for (const raw of text.split("\n")) {
      line++;
      const s = raw.trim();
      if (s === "") continue;
      try {
        items.push(JSON.parse(s));
      } catch (e) {
        items.push(new LineError(`line ${line}: not valid JSON (${(e as Error).message})`));
      }
    }
    return items;
  }
  throw new HoldfastError(
    "invalid_input",
    "The body must be a JSON array of events or NDJSON (Content-Type: application/x-ndjson)",
  );
}

function rejection(index: number, id: string | undefined, error: z.ZodError, prefix: string): Rejection {
  const issue = error.issues[0];
  const field =
    issue && issue.path.length > 0 ? `${prefix}${issue.path.join(".")}` : prefix ? "properties" : "(event)";
  const reason = issue ? issue.message : "invalid";
  return id === undefined ? { index, field, reason } : { index, id, field, reason };
}
