import { expect, it } from "vitest";
import { describeStores } from "../../test/support/stores.ts";
import type { ScoreChange } from "../core/scores/changes.ts";
import { advanceCursor, insertScoreChanges, readCursor, readScoreChanges } from "./score-changes.ts";
import { withTransaction } from "./transaction.ts";

const change = (customerId: string, newLevel = "high"): ScoreChange => ({
  customerId,
  kind: "churn_risk",
  oldScore: 40,
  newScore: 60,
  oldLevel: "medium",
  newLevel,
  crossed: "churn_risk>=50",
});
const meta = (cause: string) => ({ cause, configVersion: 2, at: "2026-01-01T00:00:00.000Z" });

describeStores("score changes", (s) => {
  it("are read in order after an id, a page at a time, per org", async () => {
    const a = await s.freshOrg();
    const b = await s.freshOrg();
    await insertScoreChanges(s.db(), a.id, [change("c1"), change("c2")], meta("daily"));
    await insertScoreChanges(s.db(), b.id, [change("x1")], meta("events"));
    await insertScoreChanges(s.db(), a.id, [change("c3")], meta("events"));
    const all = await readScoreChanges(s.db(), a.id, 0, 10);
    expect(all.map((c) => [c.id, c.customerId, c.cause])).toEqual([
      [1, "c1", "daily"],
      [2, "c2", "daily"],
      [3, "c3", "events"],
    ]);
    expect(all[0]).toEqual({
      id: 1,
      customerId: "c1",
      kind: "churn_risk",
      oldScore: 40,
      newScore: 60,
      oldLevel: "medium",
      newLevel: "high",
      crossed: "churn_risk>=50",
      cause: "daily",
      configVersion: 2,
      at: "2026-01-01T00:00:00.000Z",
    });
    expect((await readScoreChanges(s.db(), a.id, 1, 1)).map((c) => c.customerId)).toEqual(["c2"]);
    expect(await readScoreChanges(s.db(), a.id, 3, 10)).toEqual([]);
    // The other org has its own ids and never sees these.
    expect((await readScoreChanges(s.db(), b.id, 0, 10)).map((c) => [c.id, c.customerId])).toEqual([
      [1, "x1"],
    ]);
  });

  it("a consumer's cursor only moves forward, per consumer and org", async () => {
    const org = await s.freshOrg();
    const other = await s.freshOrg();
    expect(await readCursor(s.db(), org.id, "plays")).toBe(0);
    expect(await advanceCursor(s.db(), org.id, "plays", 5)).toBe(5);
    expect(await advanceCursor(s.db(), org.id, "plays", 3)).toBe(5); // a late call does not go back
    expect(await advanceCursor(s.db(), org.id, "plays", 9)).toBe(9);
    expect(await readCursor(s.db(), org.id, "webhooks")).toBe(0);
    expect(await readCursor(s.db(), other.id, "plays")).toBe(0);
  });

  it("ids are given out in commit order: a reader never skips a change that commits late", async () => {
    const org = await s.freshOrg();
    let release!: () => void;
    const held = new Promise<void>((r) => {
      release = r;
    });
    let inserted!: () => void;
    const first = new Promise<void>((r) => {
      inserted = r;
    });
    // Writer A takes its ids, then holds its transaction open.
    const a = withTransaction(s.db(), async (tx) => {
      await insertScoreChanges(tx, org.id, [change("a1"), change("a2")], meta("daily"));
      inserted();
      await held;
    });
    await first;
    // Writer B starts while A is open; a reader sees nothing of A yet.
    const b = insertScoreChanges(s.db(), org.id, [change("b1")], meta("events"));
    if (s.name === "postgres") expect(await readScoreChanges(s.db(), org.id, 0, 10)).toEqual([]);
    release();
    await a;
    await b;
    expect((await readScoreChanges(s.db(), org.id, 0, 10)).map((c) => [c.id, c.customerId])).toEqual([
      [1, "a1"],
      [2, "a2"],
      [3, "b1"],
    ]);
  });

  it("roll back with the transaction that wrote them", async () => {
    const org = await s.freshOrg();
    await expect(
      withTransaction(s.db(), async (tx) => {
        await insertScoreChanges(tx, org.id, [change("c1")], meta("daily"));
        throw new Error("the score rows failed");
      }),
    ).rejects.toThrow(/score rows failed/);
    expect(await readScoreChanges(s.db(), org.id, 0, 10)).toEqual([]);
    await insertScoreChanges(s.db(), org.id, [change("c2")], meta("daily"));
    expect((await readScoreChanges(s.db(), org.id, 0, 10)).map((c) => [c.id, c.customerId])).toEqual([
      [1, "c2"],
    ]);
  });
});
