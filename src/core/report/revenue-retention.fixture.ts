import type { SubscriptionSpan } from "./revenue-retention.ts";

/**
 * A hand-made book for the retention tests (as of 2025-03-10): A untouched, B expanding (an
 * add-on in January, an upgrade in February), C contracting in January, D churning in February,
 * E new in February, F gone before the window, G ending on Feb 1 (churned in January).
 */
export const RETENTION_FIXTURE: SubscriptionSpan[] = [
  { customerId: "A", startDate: "2024-01-01", endDate: null, mrr: 100 },
  { customerId: "B", startDate: "2024-06-01", endDate: "2025-02-10", mrr: 200 },
  { customerId: "B", startDate: "2025-02-10", endDate: null, mrr: 300 },
  { customerId: "B", startDate: "2025-01-20", endDate: null, mrr: 50 },
  { customerId: "C", startDate: "2024-03-01", endDate: "2025-01-15", mrr: 500 },
  { customerId: "C", startDate: "2025-01-15", endDate: null, mrr: 400 },
  { customerId: "D", startDate: "2024-05-01", endDate: "2025-02-20", mrr: 150 },
  { customerId: "E", startDate: "2025-02-05", endDate: null, mrr: 80 },
  { customerId: "F", startDate: "2024-01-01", endDate: "2024-12-15", mrr: 60 },
  { customerId: "G", startDate: "2024-02-01", endDate: "2025-02-01", mrr: 70 },
];
export const RETENTION_FIXTURE_AS_OF = "2025-03-10";
