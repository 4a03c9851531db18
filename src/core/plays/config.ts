import { z } from "zod";
import { ScoreKind } from "../scores/kinds.ts";
import { TACTICS } from "./catalog/index.ts";
import { hhmm, isValidTimeZone } from "./time.ts";
import { REQUIRED_SURFACES, type Tactic } from "./types.ts";

/**
 * Per-org plays configuration: enablement and parameter overrides per tactic (within each
 * tactic's declared bounds), the contact policy's global numbers, and the offers ledger's
 * operator bounds. To be wired into the org's versioned config as `plays` (a later session).
 */

const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "must be HH:MM (24-hour)");
const count = (max: number) => z.number().int().min(0).max(max);

export const TacticSettings = z.strictObject({
  enabled: z.boolean().optional(),
  params: z.record(z.string(), z.number()).optional(),
});

export const PlaysConfig = z
  .strictObject({
    tactics: z.record(z.string(), TacticSettings),
    /** Global cap per customer per channel per rolling week (every tactic counted). */
    weeklyCap: z.strictObject({ in_app: count(50), email: count(50), sms: count(20) }),
    /** Quiet hours in the customer's local time; email and SMS wait until they end. */
    quietHours: z.strictObject({ start: clock, end: clock }),
    /** Zone used when a customer has none. */
    defaultTimeZone: z.string().refine(isValidTimeZone, "must be an IANA time zone, e.g. Europe/Paris"),
    /** Growth tactics that respect it skip customers whose score is in one of these levels. */
    leaveAlone: z.strictObject({ kind: ScoreKind, levels: z.array(z.string().min(1)) }),
    /** Communications and escalations to accounts above this ARR wait for approval. */
    approval: z.strictObject({
      arrAbove: z.number().min(0),
      expireHours: z
        .number()
        .int()
        .min(1)
        .max(24 * 30),
    }),
    offers: z.strictObject({
      /** Operator bounds on every percent discount, whatever the tactic declares. */
      percent: z.strictObject({ min: z.number().min(0).max(100), max: z.number().min(0).max(100) }),
      maxCycles: z.number().int().min(1).max(36),
      pause: z.strictObject({ maxMonths: z.number().int().min(1).max(12), maxPerYear: count(12) }),
      /** Days between two rescue-plan moves (one a year by default). */
      rescuePlanEveryDays: z.number().int().min(1).max(3650),
      trialExtensionMaxDays: z.number().int().min(1).max(90),
      /** A proposed offer not answered in this many days expires. */
      expireDays: z.number().int().min(1).max(90),
    }),
    /** Billing-issue surfaces that exist; a tactic requiring a missing one stays disabled. */
    surfaces: z.array(z.enum(REQUIRED_SURFACES)),
  })
  .superRefine((c, ctx) => {
    for (const [slug, s] of Object.entries(c.tactics)) {
      const t = TACTICS.get(slug);
      if (!t) {
        ctx.addIssue({ code: "custom", path: ["tactics", slug], message: `unknown tactic ${slug}` });
        continue;
      }
      for (const [k, v] of Object.entries(s.params ?? {})) {
        const p = t.params[k];
        if (!p)
          ctx.addIssue({
            code: "custom",
            path: ["tactics", slug, "params", k],
            message: `${slug} has no parameter ${k}`,
          });
        else if (v < p.min || v > p.max)
          ctx.addIssue({
            code: "custom",
            path: ["tactics", slug, "params", k],
            message: `must be between ${p.min} and ${p.max} (${p.text})`,
          });
      }
    }
    if (hhmm(c.quietHours.start) === hhmm(c.quietHours.end))
      ctx.addIssue({ code: "custom", path: ["quietHours"], message: "start and end must differ" });
    if (c.offers.percent.min > c.offers.percent.max)
      ctx.addIssue({ code: "custom", path: ["offers", "percent"], message: "min must not exceed max" });
  });
export type PlaysConfig = z.infer<typeof PlaysConfig>;

/** Defaults: seed 002's numbers live on the tactics; these are the policy's own. */
export const PLAYS_DEFAULTS: PlaysConfig = {
  tactics: {},
  weeklyCap: { in_app: 3, email: 2, sms: 2 },
  quietHours: { start: "21:00", end: "08:00" },
  defaultTimeZone: "UTC",
  leaveAlone: { kind: "upgrade_readiness", levels: ["leave_alone"] },
  approval: { arrAbove: 50_000, expireHours: 72 },
  offers: {
    percent: { min: 5, max: 40 },
    maxCycles: 3,
    pause: { maxMonths: 3, maxPerYear: 2 },
    rescuePlanEveryDays: 365,
    trialExtensionMaxDays: 14,
    expireDays: 7,
  },
  surfaces: [],
};

export interface ResolvedTactic {
  tactic: Tactic;
  /** Operator switch (default on). */
  enabled: boolean;
  /** Required surfaces missing: the tactic cannot run whatever the switch says. */
  missing: Tactic["requires"];
  params: Record<string, number>;
}

/** The tactic as this org runs it: its switch, missing surfaces and parameters (defaults overridden). */
export function resolveTactic(config: PlaysConfig, tactic: Tactic): ResolvedTactic {
  const s = config.tactics[tactic.slug];
  const params: Record<string, number> = {};
  for (const [k, p] of Object.entries(tactic.params)) params[k] = s?.params?.[k] ?? p.default;
  return {
    tactic,
    enabled: s?.enabled ?? true,
    missing: tactic.requires.filter((r) => !config.surfaces.includes(r)),
    params,
  };
}
