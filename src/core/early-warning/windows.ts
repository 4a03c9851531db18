/** Where seed 004's windows end (inclusive last days) and how long they are. */
export interface EarlyWarningWindows {
  usageEnd: string;
  ticketEnd: string;
  days: number;
}

/**
 * Seed 004's windows end at the as-of date, or, for imported history, at the latest date in
 * the data (SPEC section 4): each window ends at its own data end, never after `asOf`. A kind
 * of data the org lacks borrows the other's end; an org with neither ends at `asOf`.
 */
export function earlyWarningWindows(
  ends: { usageEnd: string | null; ticketEnd: string | null },
  asOf: string,
  days: number,
): EarlyWarningWindows {
  const cap = (d: string | null) => (d === null || d > asOf ? asOf : d);
  const usage = ends.usageEnd ?? ends.ticketEnd;
  const tickets = ends.ticketEnd ?? ends.usageEnd;
  return { usageEnd: cap(usage), ticketEnd: cap(tickets), days };
}
