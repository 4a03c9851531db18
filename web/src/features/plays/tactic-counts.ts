import type { Tactic } from "./plays-api.ts";

/** Suppressions of every rule added up. */
export const suppressedTotal = (t: Tactic): number =>
  Object.values(t.counts.suppressed).reduce((a, n) => a + n, 0);

/** The surfaces a tactic's steps act on, in step order, each once. */
export const surfacesOf = (t: Tactic): string[] => [...new Set(t.steps.map((s) => s.surface))];
