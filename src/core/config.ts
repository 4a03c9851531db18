import { z } from "zod";
import { DELIVERY_DEFAULTS, deliveryConfigSchema } from "./delivery/config.ts";
import { DEFAULT_EARLY_WARNING, earlyWarningConfigSchema } from "./early-warning/config.ts";
import { HoldfastError } from "./errors.ts";
import { DEFAULT_EXPERIENCES, experiencesConfigSchema } from "./experiences/config.ts";
import { isTimeZone } from "./jobs/daily.ts";
import { MODEL_DEFAULTS, modelConfigSchema } from "./model/config.ts";
import { PLAYS_DEFAULTS, PlaysConfig as playsConfigSchema } from "./plays/config.ts";
import { DEFAULT_SCORES, scoresConfigSchema } from "./scores/config.ts";
import { DEFAULT_TICKETS, ticketsConfigSchema } from "./tickets/config.ts";
import { deepMerge } from "./util/deep-merge.ts";

/** Everything an operator can tune. Parsed once, deep-merged over the defaults, then frozen. */
export const holdfastConfigSchema = z.strictObject({
  earlyWarning: earlyWarningConfigSchema,
  tickets: ticketsConfigSchema,
  scores: scoresConfigSchema,
  scheduler: z.strictObject({
    /** Local time of day ("HH:MM") when each org's daily refresh is queued. */
    dailyAt: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "expected HH:MM (24-hour clock)"),
    /** IANA time zone the daily time is read in. */
    timeZone: z.string().refine(isTimeZone, "not a known IANA time zone (for example Europe/Paris)"),
  }),
  api: z.strictObject({
    /** Requests per minute per API key on /v1 (0 turns the limit off). */
    rateLimitPerMinute: z.number().int().nonnegative(),
  }),
  outreach: z.strictObject({
    /**
     * The name drafts are signed with; empty: "The <org name> Customer Success team" (no users
     * exist yet to sign as).
     */
    senderName: z.string().max(200),
  }),
  /** The plays engine: tactic switches and params, contact policy, offers bounds (docs/plays.md). */
  plays: playsConfigSchema,
  /** In-app experiences: allowed browser origins, the demo host page (docs/in-app.md). */
  experiences: experiencesConfigSchema,
  /** Outbox delivery: rate limits, retries, webhooks, Slack, email, SMS (docs/delivery.md). */
  delivery: deliveryConfigSchema,
  /** Churn and expansion models: horizon, promotion, minimum history (docs/model.md). */
  model: modelConfigSchema,
});
export type HoldfastConfig = z.infer<typeof holdfastConfigSchema>;

export const DEFAULT_CONFIG: HoldfastConfig = {
  earlyWarning: DEFAULT_EARLY_WARNING,
  tickets: DEFAULT_TICKETS,
  scores: DEFAULT_SCORES,
  // Early morning, before a CS team starts: the day's scores are ready when they look.
  scheduler: { dailyAt: "02:00", timeZone: "UTC" },
  // 20 requests a second sustained per key: far above a dashboard user or an ingest pipeline
  // (up to 10,000 events a request), low enough to stop a runaway script.
  api: { rateLimitPerMinute: 1_200 },
  outreach: { senderName: "" },
  plays: PLAYS_DEFAULTS,
  experiences: DEFAULT_EXPERIENCES,
  delivery: DELIVERY_DEFAULTS,
  model: MODEL_DEFAULTS,
};

function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null) {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

/**
 * Validates a partial config (as read from a JSON file) merged over the defaults.
 * `source` names where it came from so errors point at it.
 */
export function parseConfig(partial: unknown, source = "config"): HoldfastConfig {
  const merged = deepMerge(structuredClone(DEFAULT_CONFIG), partial ?? {});
  const result = holdfastConfigSchema.safeParse(merged);
  if (!result.success) {
    const details = result.error.issues.map(
      (i) => `${source}: ${i.path.join(".") || "(root)"}: ${i.message}`,
    );
    throw new HoldfastError("invalid_config", `Invalid configuration in ${source}`, { details });
  }
  return deepFreeze(result.data);
}
