import { describe, expect, it } from "vitest";
import { dailyRunDue, isTimeZone, localDayAndTime } from "./daily.ts";

describe("dailyRunDue", () => {
  it("is due from the local time of day until midnight, in the org's time zone", () => {
    const t = new Date("2026-12-01T01:30:00Z");
    expect(dailyRunDue(t, "UTC", "02:00")).toBeNull();
    expect(dailyRunDue(new Date("2026-12-01T02:00:00Z"), "UTC", "02:00")).toBe("2026-12-01");
    // 01:30 UTC is 20:30 the day before in New York (UTC-5 in December).
    expect(localDayAndTime(t, "America/New_York")).toEqual({ day: "2026-11-30", time: "20:30" });
    expect(dailyRunDue(t, "America/New_York", "02:00")).toBe("2026-11-30");
    // 01:30 UTC is 10:30 in Tokyo.
    expect(dailyRunDue(t, "Asia/Tokyo", "11:00")).toBeNull();
    expect(dailyRunDue(t, "Asia/Tokyo", "10:30")).toBe("2026-12-01");
  });

  it("knows a time zone from a typo", () => {
    expect(isTimeZone("Europe/Paris")).toBe(true);
    expect(isTimeZone("Europe/Pariss")).toBe(false);
  });
});
