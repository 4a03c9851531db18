import { describe, expect, it } from "vitest";
import { daysBetween, localMinute, monthsBetween, quietUntil } from "./time.ts";

describe("plays time helpers", () => {
  it("reads the local clock in any IANA zone, falling back to UTC for a bad one", () => {
    const t = new Date("2026-01-15T12:30:00Z");
    expect(localMinute(t, "UTC")).toBe(12 * 60 + 30);
    expect(localMinute(t, "Asia/Kolkata")).toBe(18 * 60);
    expect(localMinute(t, "America/New_York")).toBe(7 * 60 + 30);
    expect(localMinute(t, "Not/AZone")).toBe(12 * 60 + 30);
  });

  it("quiet hours wrap midnight and end at the local end time, across a DST change", () => {
    expect(quietUntil(new Date("2026-01-15T12:30:00Z"), "UTC", "21:00", "08:00")).toBeNull();
    expect(quietUntil(new Date("2026-01-15T23:10:00Z"), "UTC", "21:00", "08:00")?.toISOString()).toBe(
      "2026-01-16T08:00:00.000Z",
    );
    expect(quietUntil(new Date("2026-01-15T03:00:00Z"), "UTC", "21:00", "08:00")?.toISOString()).toBe(
      "2026-01-15T08:00:00.000Z",
    );
    // New York springs forward on 2026-03-08 at 02:00: 22:00 EST on the 7th is 03:00 UTC; 08:00 EDT is 12:00 UTC.
    expect(
      quietUntil(new Date("2026-03-08T03:00:00Z"), "America/New_York", "21:00", "08:00")?.toISOString(),
    ).toBe("2026-03-08T12:00:00.000Z");
    // A daytime window (no wrap).
    expect(quietUntil(new Date("2026-01-15T13:00:00Z"), "UTC", "12:00", "14:00")?.toISOString()).toBe(
      "2026-01-15T14:00:00.000Z",
    );
  });

  it("counts days and calendar months", () => {
    expect(daysBetween("2026-01-01", "2026-03-01")).toBe(59);
    expect(monthsBetween("2026-01-15", "2026-04-14")).toBe(2);
    expect(monthsBetween("2026-01-15", "2026-04-15")).toBe(3);
    expect(monthsBetween("2026-01-31", "2026-02-28")).toBe(0);
  });
});
