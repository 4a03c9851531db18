import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, expect, it } from "vitest";
import { describeStores } from "../../test/support/stores.ts";
import { testContext } from "../../test/support/test-context.ts";
import { parseConfig } from "../core/config.ts";
import { writeEventsWorkspace } from "../demo/workspace/write-workspace.ts";
import { loadEventsWorkspace } from "./load-events-workspace.ts";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "holdfast-ws-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const now = () => new Date("2026-07-01T06:00:00Z");
const config = parseConfig({});

describeStores("events workspace import", (s) => {
  it("loads a generated workspace, scores it, and changes nothing when loaded again", async () => {
    const ws = path.join(dir, `ok-${s.name}`);
    await writeEventsWorkspace(ws, { customers: 40, seed: 3, end: "2026-06-30", months: 6 });
    const org = await s.freshOrg();
    const ctx = testContext(s.db(), now, config);
    const first = await loadEventsWorkspace(ctx, org.id, ws, { actor: "t", asOf: "2026-06-30" });
    expect(first.customers).toBe(40);
    expect(first.events.accepted).toBeGreaterThan(1000);
    const k = s.db().kysely;
    const state = () =>
      k
        .selectFrom("subscriptions")
        .select(["id", "status", "plan_tier", "end_date"])
        .where("org_id", "=", org.id)
        .orderBy("id")
        .execute();
    const before = await state();
    expect(before.some((r) => r.status === "canceled")).toBe(true);
    const again = await loadEventsWorkspace(ctx, org.id, ws, { actor: "t", asOf: "2026-06-30" });
    expect(again.events).toEqual({ accepted: 0, duplicates: first.events.accepted });
    expect(await state()).toEqual(before);
    const kinds = await k
      .selectFrom("scores")
      .select("kind")
      .distinct()
      .where("org_id", "=", org.id)
      .orderBy("kind")
      .execute();
    expect(kinds.map((r) => r.kind)).toContain("churn_risk");
    expect(kinds.map((r) => r.kind)).toContain("early_warning");
  });

  it("refuses a workspace with a bad line, naming file, line, field and reason, and writes nothing", async () => {
    const ws = path.join(dir, `bad-${s.name}`);
    await writeEventsWorkspace(ws, { customers: 5, seed: 3, end: "2026-06-30", months: 3 });
    const file = path.join(ws, "events.ndjson");
    const lines = fs.readFileSync(file, "utf8").split("\n");
    lines[2] = lines[2]!.replace(/"timestamp":"[^"]+"/, '"timestamp":"yesterday"');
    lines[4] = "{oops";
    fs.writeFileSync(file, lines.join("\n"));
    const org = await s.freshOrg();
    const err = await loadEventsWorkspace(testContext(s.db(), now, config), org.id, ws, {
      actor: "t",
    }).catch((e) => e);
    expect(err.code).toBe("import_failed");
    expect(err.details).toEqual([
      expect.stringMatching(/^events\.ndjson:3: timestamp: /),
      expect.stringMatching(/^events\.ndjson:5: \(event\): not valid JSON/),
    ]);
    const n = await s.db().kysely.selectFrom("customers").select("id").where("org_id", "=", org.id).execute();
    expect(n).toEqual([]);
  });
});
