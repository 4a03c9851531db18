import { describe, expect, it } from "vitest";
import { timelinePage } from "../customers/timeline.ts";
import { buildPlayTimeline, mergeNewestFirst } from "./timeline.ts";

describe("plays on the customer timeline", () => {
  const entries = buildPlayTimeline({
    runs: [
      {
        tactic: "feature-discovery",
        run_id: "feature-discovery@every-7:1",
        started_at: "2026-05-01T10:00:00.000Z",
        ended_at: "2026-05-09T10:00:00.000Z",
        exit_cause: "window_ended",
        exit_detail: null,
      },
      {
        tactic: "churn-risk-critical-winback",
        run_id: "churn-risk-critical-winback@t",
        started_at: "2026-05-10T10:00:00.000Z",
        ended_at: null,
        exit_cause: null,
        exit_detail: null,
      },
    ],
    outbox: [
      {
        id: 7,
        tactic: "churn-risk-critical-winback",
        run_id: "churn-risk-critical-winback@t",
        step_id: "task",
        channel: "csm_task",
        status: "held",
        payload: '{"action":"csm.call_now"}',
        created_at: "2026-05-10T10:00:00.000Z",
      },
    ],
  });

  it("words runs started and ended and each queued effect, with unique keys", () => {
    expect(entries.map((e) => [e.kind, e.title])).toEqual([
      ["play", "Play started: Feature Discovery"],
      ["play", "Play ended: Feature Discovery (its window ended)"],
      ["play", expect.stringMatching(/^Play started: /)],
      ["message", expect.stringMatching(/^CSM task held for approval: /)],
    ]);
    expect(entries[3]!.detail).toBe("Step task: csm call now");
    expect(new Set(entries.map((e) => e.key)).size).toBe(entries.length);
    for (const e of entries) expect(`${e.title} ${e.detail}`).not.toMatch(/[a-z]+_[a-z]+/);
  });

  it("merges with the rest newest first and pages each entry once", () => {
    const other = [
      { at: "2026-05-05T00:00:00.000Z", kind: "ticket" as const, title: "t", detail: "", key: "ticket:1" },
    ];
    const all = mergeNewestFirst(other, entries);
    expect(all.map((e) => e.at)).toEqual([...all.map((e) => e.at)].sort().reverse());
    const seen: string[] = [];
    let after: { at: string; key: string } | null = null;
    for (;;) {
      const p = timelinePage(all, 2, after);
      seen.push(...p.items.map((e) => e.key));
      if (!p.next) break;
      after = { at: p.items.at(-1)!.at, key: p.items.at(-1)!.key };
    }
    expect(seen).toEqual(all.map((e) => e.key));
  });
});
