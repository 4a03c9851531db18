/** The longest id (customer, account, subscription) the schemas and the API accept, in characters. */
export const ID_MAX_LENGTH = 200;

/**
 * Bounds of numeric inputs, far above any real subscription business and far below where sums
 * over a million customers stop being exact or overflow (a double is exact to 2^53, about 9e15).
 * A value past one is refused with the bound in the message, so no aggregate can overflow.
 */
export const NUMERIC_LIMITS = {
  /** Money per customer: ARR, MRR, a price, an invoice amount (a trillion). */
  money: 1e12,
  /** Counts: seats, API calls, uses, errors in one event or one day (a billion). */
  count: 1e9,
  /** A metered value or a plan limit (a trillion units). */
  meter: 1e12,
  /** Seconds in one event (a year). */
  durationSecs: 31_536_000,
  /** A numeric trait (a quadrillion, still exact as a double). */
  trait: 1e15,
} as const;
