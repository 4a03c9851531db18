import { CATALOG } from "../core/plays/catalog/index.ts";
import { resolveTactic } from "../core/plays/config.ts";
import { describeCondition } from "../core/plays/eligibility.ts";
import { decisionCounts } from "../store/plays/decisions.ts";
import { convertedCounts, openRunCounts } from "../store/plays/runs.ts";
import type { UseCaseContext } from "./context.ts";
import { orgConfig } from "./org-config.ts";

/**
 * Every tactic of the catalog as this org runs it: definition, evidence, the switch (and the
 * billing surfaces it still misses), parameters, and live counts from the store: eligible
 * (triggers fired), fired (runs started and steps sent), suppressed by rule, in flight, converted.
 * `since`: count only decisions as of that time or later and runs converted since (in flight is now).
 */
export async function listTactics(ctx: UseCaseContext, orgId: number, since: string | null = null) {
  const { config } = await orgConfig(ctx, orgId);
  const [decisions, open, converted] = await Promise.all([
    decisionCounts(ctx.db, orgId, since),
    openRunCounts(ctx.db, orgId),
    convertedCounts(ctx.db, orgId, since),
  ]);
  return CATALOG.map((t) => {
    const r = resolveTactic(config.plays, t);
    const mine = decisions.filter((d) => d.tactic === t.slug);
    const suppressed: Record<string, number> = {};
    for (const d of mine)
      if (d.outcome === "suppress" && d.rule) suppressed[d.rule] = (suppressed[d.rule] ?? 0) + d.n;
    const sum = (f: (d: (typeof mine)[number]) => boolean) => mine.filter(f).reduce((a, d) => a + d.n, 0);
    return {
      slug: t.slug,
      name: t.name,
      stage: t.stage,
      scope: t.scope,
      source: t.source,
      trigger: t.trigger,
      eligibility: t.eligibility.map(describeCondition),
      guardrails: [...t.guardrails.rules],
      steps: t.steps.map((s) => ({
        id: s.id,
        surface: s.surface,
        action: s.action,
        wait_days: s.waitDays ?? 0,
        when: s.when ?? "always",
      })),
      offer: t.offer ?? null,
      success: t.success,
      evidence: t.evidence,
      requires: [...t.requires],
      enabled: r.enabled && r.missing.length === 0,
      switched_on: r.enabled,
      missing_surfaces: [...r.missing],
      params: r.params,
      param_specs: Object.fromEntries(Object.entries(t.params).map(([k, p]) => [k, { ...p }])),
      counts: {
        eligible: sum((d) => d.kind === "start"),
        started: sum((d) => d.kind === "start" && d.outcome === "fire"),
        fired: sum((d) => d.kind === "step" && d.outcome === "fire"),
        deferred: sum((d) => d.outcome === "defer"),
        suppressed,
        in_flight: open.get(t.slug) ?? 0,
        converted: converted.get(t.slug) ?? 0,
      },
    };
  });
}

/** The catalog with counts over every decision, or over the last `days` days (GET /v1/tactics?days=). */
export async function tacticCatalog(
  ctx: UseCaseContext,
  orgId: number,
  opts: { days?: number | undefined } = {},
) {
  const since =
    opts.days === undefined ? null : new Date(ctx.now().getTime() - opts.days * 86_400_000).toISOString();
  return { items: await listTactics(ctx, orgId, since), since };
}
