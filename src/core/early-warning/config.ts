import { z } from "zod";

const points = z.number().int().min(0).max(100);
const tier = z.strictObject({ min: z.number().min(0), points });

/** Tiers are checked from the highest threshold down; the first match scores. */
const tiered = z
  .strictObject({ enabled: z.boolean(), tiers: z.array(tier).min(1).max(10) })
  .refine((r) => r.tiers.every((t, i) => i === 0 || t.min < r.tiers[i - 1]!.min), {
    message: "tiers must be listed from the highest min down",
    path: ["tiers"],
  });

const flag = z.strictObject({ enabled: z.boolean(), points });

export const REASON_KINDS = [
  "usage",
  "support",
  "errors",
  "intent",
  "satisfaction",
  "downgrade",
  "trial",
] as const;
export type ReasonKind = (typeof REASON_KINDS)[number];

export const earlyWarningConfigSchema = z
  .strictObject({
    windowDays: z.number().int().min(1).max(365),
    rules: z.strictObject({
      usageDrop: tiered,
      supportLoad: tiered,
      errors: tiered,
      churnIntent: z.strictObject({ enabled: z.boolean(), min: z.number().int().min(1), points }),
      satisfaction: z.strictObject({
        enabled: z.boolean(),
        low: z.strictObject({ max: z.number(), points }),
        medium: z.strictObject({ equals: z.number(), points }),
      }),
      escalation: flag,
      downgrade: flag,
      trial: flag,
    }),
    cap: z.number().int().min(1).max(100),
    levels: z.strictObject({ high: z.number().min(0).max(100), medium: z.number().min(0).max(100) }),
    topReasons: z.number().int().min(1).max(20),
    topActions: z.number().int().min(1).max(20),
    /** Actions per reason kind; the key order is the order actions are proposed in. */
    actions: z.partialRecord(z.enum(REASON_KINDS), z.array(z.string().min(1)).max(10)),
    defaultAction: z.string().min(1),
  })
  .refine((c) => c.levels.high > c.levels.medium, {
    message: "levels.high must be above levels.medium",
    path: ["levels"],
  });

export type EarlyWarningConfig = z.infer<typeof earlyWarningConfigSchema>;

/** The defaults are seed 004's rules, exactly (see SPEC.md section 4). */
export const DEFAULT_EARLY_WARNING: EarlyWarningConfig = {
  windowDays: 30,
  rules: {
    usageDrop: {
      enabled: true,
      tiers: [
        { min: 0.6, points: 40 },
        { min: 0.4, points: 28 },
        { min: 0.2, points: 12 },
      ],
    },
    supportLoad: {
      enabled: true,
      tiers: [
        { min: 6, points: 18 },
        { min: 3, points: 10 },
      ],
    },
    errors: {
      enabled: true,
      tiers: [
        { min: 10, points: 15 },
        { min: 3, points: 8 },
      ],
    },
    churnIntent: { enabled: true, min: 1, points: 22 },
    satisfaction: { enabled: true, low: { max: 2, points: 12 }, medium: { equals: 3, points: 6 } },
    escalation: { enabled: true, points: 10 },
    downgrade: { enabled: true, points: 12 },
    trial: { enabled: true, points: 8 },
  },
  cap: 100,
  levels: { high: 60, medium: 30 },
  topReasons: 3,
  topActions: 3,
  actions: {
    usage: ["Schedule a check-in to reset goals", "Recommend 1-2 key features to activate this week"],
    support: ["Confirm resolution plan and close the loop", "Escalate repeat issues with a clear timeline"],
    intent: ["Offer a value review (ROI + quick wins)", "Create a 2-week success plan with milestones"],
    trial: ["Offer guided onboarding session", "Share onboarding checklist + milestones"],
    satisfaction: [
      "Follow up on dissatisfaction with a recovery plan",
      "Offer proactive support for the next 7 days",
    ],
    downgrade: [
      "Run a value-gap call to understand missing needs",
      "Offer training or enablement for key workflows",
    ],
  },
  defaultAction: "Maintain regular touchpoints and monitor health signals",
};
