import { addDays } from "../src/core/util/dates.ts";
import { DEMO_PLANS } from "../src/demo/workspace/plans.ts";
import type { Row } from "../src/store/bulk-upsert.ts";

/** The ids of a synthetic book of `n` customers (c00000000, c00000001, ...). */
export const syntheticIds = (n: number): string[] =>
  Array.from({ length: n }, (_, i) => `c${String(i).padStart(8, "0")}`);

/** The plan tier of the i-th synthetic customer (the demo's four paid tiers in turn). */
export const syntheticTier = (i: number): string => DEMO_PLANS[1 + (i % 4)]!.tier;

/** One `customers` row per id, in TABLES.customers' column order, signed up 100-400 days before `asOf`. */
export function* syntheticCustomerRows(ids: readonly string[], asOf: string): Generator<Row> {
  for (const [i, id] of ids.entries()) {
    yield [
      id,
      i + 1,
      id,
      `Account ${i}`,
      null,
      null,
      addDays(asOf, -400 + (i % 300)),
      syntheticTier(i),
      10,
      0,
      12_000,
      1_000,
    ];
  }
}
