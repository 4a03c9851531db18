import { describe, expect, it } from "vitest";
import { replayDays } from "./replay-days.ts";

describe("replayDays", () => {
  it("is daily over the window and weekly back to the earliest data", () => {
    const r = replayDays("2026-01-01", "2026-06-30", 90);
    expect(r.historyFrom).toBe("2026-04-02");
    expect(r.days.at(-1)).toBe("2026-06-30");
    expect(r.days.filter((d) => d >= r.historyFrom)).toHaveLength(90);
    const weekly = r.days.filter((d) => d < r.historyFrom);
    expect(weekly[0]! >= "2026-01-01").toBe(true);
    expect(weekly[0]! < "2026-01-08").toBe(true);
    expect(weekly.at(-1)).toBe("2026-03-26");
    expect([...r.days].sort()).toEqual(r.days);
  });
  it("without data replays only the window", () => {
    expect(replayDays(null, "2026-06-30", 3).days).toEqual(["2026-06-28", "2026-06-29", "2026-06-30"]);
  });
});
