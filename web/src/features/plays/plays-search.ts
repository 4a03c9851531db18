/** The Plays page's search params: the open section and the decisions' filters; a bad value falls back. */
import { z } from "zod/mini";

export const PLAYS_TABS = ["catalog", "approvals", "tasks", "deals", "insights", "decisions"] as const;
export type PlaysTab = (typeof PLAYS_TABS)[number];

const text = z.catch(z.optional(z.string()), undefined);

export const COUNT_WINDOWS = ["7", "30", "90"] as const;

export const playsSearch = z.object({
  tab: z.catch(z.optional(z.enum(PLAYS_TABS)), undefined),
  tactic: text,
  customer: text,
  outcome: z.catch(z.optional(z.enum(["fire", "defer", "suppress"])), undefined),
  /** The catalog's counts over the last N days (absent: every decision). */
  days: z.catch(z.optional(z.enum(COUNT_WINDOWS)), undefined),
});
export type PlaysSearch = z.infer<typeof playsSearch>;
