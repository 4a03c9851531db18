/** Numbers and dates for people (en-US). */
const integer = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });
const oneDecimal = new Intl.NumberFormat("en-US", { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const usd = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD", maximumFractionDigits: 0 });
const percent = new Intl.NumberFormat("en-US", {
  style: "percent",
  minimumFractionDigits: 1,
  maximumFractionDigits: 1,
});
const dateTime = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeStyle: "short" });
const dateOnly = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeZone: "UTC" });
const monthDay = new Intl.DateTimeFormat("en-US", { month: "short", day: "numeric", timeZone: "UTC" });
const withSeconds = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeStyle: "medium" });
const signed = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0, signDisplay: "exceptZero" });

export const fmtInt = (n: number): string => integer.format(n);
export const fmtDecimal = (n: number): string => oneDecimal.format(n);
export const fmtUsd = (n: number): string => usd.format(n);
/** An integer with its sign (+45, -20, 0), e.g. an NPS. */
export const fmtSigned = (n: number): string => signed.format(n);
/** A share (0.706) as a percentage with one decimal (70.6%). */
export const fmtPercent = (share: number): string => percent.format(share);

/** An ISO timestamp in the reader's time zone. */
export function fmtDateTime(iso: string | null): string {
  if (!iso) return "—";
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : dateTime.format(d);
}

/** An ISO timestamp to the second (to tell two recomputes a minute apart). */
export function fmtDateTimeSeconds(iso: string | null): string {
  if (!iso) return "—";
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : withSeconds.format(d);
}

/** A YYYY-MM-DD day as "Mar 4" (chart axes). */
export function fmtMonthDay(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  return Number.isNaN(d.getTime()) ? day : monthDay.format(d);
}

/** A YYYY-MM-DD day, shown as written (no time-zone shift). */
export function fmtDay(day: string | null): string {
  if (!day) return "—";
  const d = new Date(`${day}T00:00:00Z`);
  return Number.isNaN(d.getTime()) ? day : dateOnly.format(d);
}
