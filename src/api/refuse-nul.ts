import type { FastifyRequest } from "fastify";
import { HoldfastError } from "../core/errors.ts";

const NUL = "\u0000";

/**
 * Where a NUL character (U+0000) sits in a request's path parameters, query string or JSON body:
 * one `where: problem` line per place, at most `max`. Walked with a stack, so a deeply nested
 * body costs no recursion. Keys are checked as well as values.
 */
export function nulPlaces(parts: Readonly<Record<string, unknown>>, max = 10): string[] {
  const out: string[] = [];
  const stack: [string, unknown][] = Object.entries(parts).reverse();
  while (stack.length > 0 && out.length < max) {
    const [where, v] = stack.pop()!;
    if (typeof v === "string") {
      if (v.includes(NUL)) out.push(`${where}: must not contain a NUL character (\\u0000)`);
    } else if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push([`${where}.${i}`, v[i]]);
    } else if (typeof v === "object" && v !== null && !Buffer.isBuffer(v)) {
      const entries = Object.entries(v);
      for (let i = entries.length - 1; i >= 0; i--) {
        const [k, child] = entries[i]!;
        if (k.includes(NUL)) out.push(`${where}: a key must not contain a NUL character (\\u0000)`);
        stack.push([`${where}.${k}`, child]);
      }
    }
  }
  return out;
}

/** Routes whose body reports a bad value per item (in `rejected`) instead of refusing the request. */
const PER_ITEM_BODY = new Set(["/v1/events"]);

/**
 * A preValidation hook: refuses a NUL character anywhere in the path parameters, the query
 * string or the JSON body with 400 (`invalid_input`, one detail line per place), before any
 * value reaches a store (PostgreSQL text refuses NUL, 22021, which would be a 500). The events
 * route keeps its body to itself: a NUL in one event rejects that event, not the batch.
 */
export async function refuseNul(req: FastifyRequest): Promise<void> {
  const parts: Record<string, unknown> = { params: req.params, query: req.query };
  if (!PER_ITEM_BODY.has(req.routeOptions.url ?? "")) parts.body = req.body;
  const places = nulPlaces(parts);
  if (places.length > 0) {
    throw new HoldfastError("invalid_input", "A value of the request contains a NUL character (\\u0000)", {
      details: places,
    });
  }
}
