import fc from "fast-check";
import { sql } from "kysely";
import { beforeAll, expect, it } from "vitest";
import { describeStores } from "../../test/support/stores.ts";
import { testContext } from "../../test/support/test-context.ts";
import { CustomerFacetsQuery, CustomerListQuery } from "../contracts/customers.ts";
import { parseConfig } from "../core/config.ts";
import { HEADLINE_DRIVERS } from "../core/customers/list-filters.ts";
import type { Org } from "../store/orgs.ts";
import { writeBatch } from "../store/write-batch.ts";
import type { UseCaseContext } from "./context.ts";
import { customerFacets } from "./customer-facets.ts";
import { listCustomers } from "./list-customers.ts";

const now = () => new Date("2026-01-01T00:00:00Z");
const STATUSES = ["active", "churned", "past_due", "trialing", null];
const TIERS = ["Starter", "Growth", "Pro", null];
const RISK = ["critical", "high", "medium", "low", null];
const HEALTH = ["critical", "at_risk", "healthy", null];
const STAGE = ["onboarding", "active", "at_risk", "churned"];
const TREND = ["declining", "flat", "growing", null];
const pick = <T>(xs: readonly T[], seed: number, i: number): T =>
  xs[Math.abs(Math.imul(seed * 7919 + i * 104729, 2654435761) >> 9) % xs.length]!;

/**
 * The facets endpoint's counts from the facet cells (migration 019) against the same request
 * answered from the customers (`min_arr=0`: every customer passes, but an ARR floor is per
 * customer, so it reads them), and the list's total for the same filter, over random filters.
 */
describeStores("customer facets from the cells", (s) => {
  let ctx: UseCaseContext;
  let org: Org;
  beforeAll(async () => {
    ctx = testContext(s.db(), now, parseConfig({}));
    org = await s.freshOrg();
    const n = 240;
    const tier = (i: number) => pick(TIERS, 1, i);
    await writeBatch(s.db(), org.id, {
      customers: Array.from({ length: n }, (_, i) => [
        `c${i}`,
        i + 1,
        `a${i}`,
        `Account ${i}`,
        null,
        null,
        "2025-01-01",
        tier(i),
        1,
        0,
        500 + (i % 13) * 750,
        100,
      ]),
    });
    const churnBits = HEADLINE_DRIVERS.churn_risk.length;
    for (let i = 0; i < n; i++) {
      const drv = pick([0, 1, 2 ** 6, 2 ** 6 + 2 ** 11, 2 ** (churnBits - 1)], 7, i);
      await sql`update customers set status = ${pick(STATUSES, 2, i)}, lvl_churn_risk = ${pick(RISK, 3, i)},
        lvl_health = ${pick(HEALTH, 4, i)}, lvl_lifecycle_stage = ${pick(STAGE, 5, i)},
        lvl_usage_trend = ${pick(TREND, 6, i)}, drv_churn_risk = ${drv}
        where org_id = ${org.id} and id = ${`c${i}`}`.execute(s.db().kysely);
    }
  });

  const query = fc.record(
    {
      book: fc.constantFrom("live", "churned", "all"),
      status: fc.constantFrom("active", "churned", "past_due", "trialing"),
      plan_tier: fc.constantFrom("Starter", "Growth", "Pro"),
      risk_level: fc.constantFrom("critical", "high", "low"),
      churn_risk_tier: fc.constantFrom("high", "medium"),
      health_band: fc.constantFrom("critical", "at_risk", "healthy"),
      lifecycle_stage: fc.constantFrom("onboarding", "at_risk"),
      usage_trend: fc.constantFrom("declining", "growing"),
      driver: fc.constantFrom(...HEADLINE_DRIVERS.churn_risk),
    },
    { requiredKeys: [] },
  );
  /** Mostly few filters (many at once leave few customers), and a fixed set always tried first. */
  const queries = fc.oneof(
    { weight: 3, arbitrary: query.filter((q) => Object.keys(q).length <= 3) },
    { weight: 1, arbitrary: query },
  );
  const examples: [Record<string, string>][] = [
    [{}],
    [{ book: "all" }],
    [{ book: "churned" }],
    [{ plan_tier: "Pro", churn_risk_tier: "high" }],
    [{ status: "past_due", health_band: "at_risk" }],
    [{ driver: "payments_failed" }],
  ];

  it("every facet and the total equal the customers' answer and the list's total, for random filters", async () => {
    await fc.assert(
      fc.asyncProperty(queries, async (qs: Record<string, string>) => {
        const fromCells = await customerFacets(ctx, org.id, CustomerFacetsQuery.parse(qs));
        const direct = await customerFacets(ctx, org.id, CustomerFacetsQuery.parse({ ...qs, min_arr: "0" }));
        expect(fromCells.facets).toEqual(direct.facets);
        expect(fromCells.total.customers).toBe(direct.total.customers);
        expect(fromCells.total.arr).toBeCloseTo(direct.total.arr, 6);
        const list = await listCustomers(ctx, org.id, CustomerListQuery.parse(qs));
        expect(fromCells.total.customers).toBe(list.total.customers);
        expect(fromCells.total.arr).toBeCloseTo(list.total.arr, 6);
        // Choosing an option gives a list of that option's count.
        const tier = (fromCells.facets.plan_tier ?? []).find((o) => o.count > 0 && o.value !== qs.plan_tier);
        if (tier) {
          const chosen = await listCustomers(
            ctx,
            org.id,
            CustomerListQuery.parse({ ...qs, plan_tier: tier.value }),
          );
          expect(chosen.total.customers).toBe(tier.count);
        }
      }),
      { numRuns: 60, examples },
    );
  });
});
