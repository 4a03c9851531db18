import type { PlanUpsert } from "../../core/customers/schema.ts";

export interface DemoPlan extends PlanUpsert {
  tier: string;
  rank: number;
  price_monthly: number;
  limits: Record<string, number>;
}

/** The demo product's catalog: four public tiers and an unlisted rescue plan. */
export const DEMO_PLANS: DemoPlan[] = [
  {
    tier: "Starter",
    rank: 2,
    is_public: true,
    price_monthly: 49,
    limits: { seats: 5, api_calls: 20_000, storage_gb: 10 },
  },
  {
    tier: "Growth",
    rank: 3,
    is_public: true,
    price_monthly: 199,
    limits: { seats: 20, api_calls: 100_000, storage_gb: 50 },
  },
  {
    tier: "Pro",
    rank: 4,
    is_public: true,
    price_monthly: 599,
    limits: { seats: 50, api_calls: 500_000, storage_gb: 250 },
  },
  {
    tier: "Enterprise",
    rank: 5,
    is_public: true,
    price_monthly: 1_999,
    limits: { seats: 500, api_calls: 5_000_000, storage_gb: 2_000 },
  },
  {
    tier: "Rescue",
    rank: 1,
    is_public: false,
    price_monthly: 29,
    limits: { seats: 3, api_calls: 10_000, storage_gb: 5 },
  },
];
