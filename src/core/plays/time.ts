/** Time helpers for plays: day arithmetic and local clock time through `Intl` (no dependency). */

const DAY_MS = 86_400_000;

/** Whole days from `a` to `b` (YYYY-MM-DD or ISO times; negative when b is earlier). */
export function daysBetween(a: string, b: string): number {
  return Math.floor((Date.parse(b.slice(0, 10)) - Date.parse(a.slice(0, 10))) / DAY_MS);
}

export const addDaysTo = (at: Date | string, days: number): Date =>
  new Date(new Date(at).getTime() + days * DAY_MS);

/** Whole months between two days, by calendar (Jan 31 to Feb 28 counts 0). */
export function monthsBetween(a: string, b: string): number {
  const [ay, am, ad] = a.slice(0, 10).split("-").map(Number) as [number, number, number];
  const [by, bm, bd] = b.slice(0, 10).split("-").map(Number) as [number, number, number];
  let m = (by - ay) * 12 + (bm - am);
  if (bd < ad) m -= 1;
  return m;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** The minute of the local day (0..1439) at `now` in `timeZone`; invalid zones read as UTC. */
export function localMinute(now: Date, timeZone: string): number {
  let f = formatters.get(timeZone);
  if (!f) {
    try {
      f = new Intl.DateTimeFormat("en-GB", {
        timeZone,
        hour: "2-digit",
        minute: "2-digit",
        hourCycle: "h23",
      });
    } catch {
      f = new Intl.DateTimeFormat("en-GB", {
        timeZone: "UTC",
        hour: "2-digit",
        minute: "2-digit",
        hourCycle: "h23",
      });
    }
    formatters.set(timeZone, f);
  }
  let h = 0;
  let m = 0;
  for (const p of f.formatToParts(now)) {
    if (p.type === "hour") h = Number(p.value);
    if (p.type === "minute") m = Number(p.value);
  }
  return h * 60 + m;
}

export const isValidTimeZone = (tz: string): boolean => {
  try {
    new Intl.DateTimeFormat("en-GB", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
};

/** "HH:MM" to minutes of the day. */
export const hhmm = (s: string): number => Number(s.slice(0, 2)) * 60 + Number(s.slice(3, 5));

/** True when the local minute lies in [start, end), wrapping midnight when start > end. */
export function inWindow(minute: number, start: number, end: number): boolean {
  if (start === end) return false;
  return start < end ? minute >= start && minute < end : minute >= start || minute < end;
}

/**
 * Quiet hours in the customer's zone: null when `now` is outside them, else the instant the
 * local clock reads their end (DST changes in between are corrected through `Intl`).
 */
export function quietUntil(now: Date, timeZone: string, start: string, end: string): Date | null {
  const s = hhmm(start);
  const e = hhmm(end);
  const local = localMinute(now, timeZone);
  if (!inWindow(local, s, e)) return null;
  const ahead = (e - local + 1440) % 1440;
  let t = new Date(Math.floor(now.getTime() / 60_000) * 60_000 + ahead * 60_000);
  // A DST change in between moves the local clock: correct by the gap to the end time.
  let gap = (e - localMinute(t, timeZone) + 1440) % 1440;
  if (gap > 720) gap -= 1440;
  t = new Date(t.getTime() + gap * 60_000);
  // If the end time does not exist that day (skipped by DST), the first minute after quiet hours.
  for (let i = 0; i < 180 && inWindow(localMinute(t, timeZone), s, e); i++)
    t = new Date(t.getTime() + 60_000);
  return t;
}
