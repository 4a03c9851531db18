import { renewalOf, termMonths } from "../core/subscriptions/renewal.ts";
import type { Db } from "../store/open-store.ts";
import {
  type RenewalWrite,
  renewalDatesAsOf,
  subscriptionTerms,
  writeRenewalDates,
} from "../store/renewal-dates.ts";
import { withTransaction } from "../store/transaction.ts";

/**
 * Recomputes each subscription's next renewal (contract end, trial end, or `none`) as of `asOf`
 * and stores the ones that changed with the day they hold for, in one transaction (the refresh
 * runs it; the Renewals view then reads an indexed range). On the day already stored, only the
 * subscriptions of `customers` (when given) and those without a renewal yet are recomputed.
 * Returns how many rows changed.
 */
export async function refreshRenewalDates(
  db: Db,
  orgId: number,
  asOf: string,
  customers?: readonly string[],
): Promise<number> {
  return withTransaction(db, async (tx) => {
    // The same day: only the customers refreshed and subscriptions written since; a new day: all.
    const same = (await renewalDatesAsOf(tx, orgId)) === asOf;
    const changed: RenewalWrite[] = [];
    for (const s of await subscriptionTerms(tx, orgId, same ? customers : undefined)) {
      const r = renewalOf(
        {
          startDate: s.start_date,
          endDate: s.end_date,
          billingFrequency: s.billing_frequency,
          status: s.status,
          trialEnd: s.trial_end,
        },
        asOf,
      );
      const next = { date: r?.date ?? null, kind: r?.kind ?? "none", term: termMonths(s.billing_frequency) };
      if (next.date !== s.renewal_date || next.kind !== s.renewal_kind || next.term !== s.renewal_term)
        changed.push({ id: s.id, ...next });
    }
    await writeRenewalDates(tx, orgId, asOf, changed);
    return changed.length;
  });
}
