/** The wall-clock day and minute of an instant in a time zone (IANA name). */
export function localDayAndTime(now: Date, timeZone: string): { day: string; time: string } {
  const parts = new Intl.DateTimeFormat("en-CA", {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).formatToParts(now);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? "00";
  return { day: `${get("year")}-${get("month")}-${get("day")}`, time: `${get("hour")}:${get("minute")}` };
}

/**
 * The local day whose daily run is due at `now`, or null before the configured time of day
 * (`at`, "HH:MM" in `timeZone`). Once due, the day stays due until midnight: a scheduler that
 * was down at the time catches up at its next tick.
 */
export function dailyRunDue(now: Date, timeZone: string, at: string): string | null {
  const local = localDayAndTime(now, timeZone);
  return local.time >= at ? local.day : null;
}

export function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}
