import { expect, it } from "vitest";
import { describeStores } from "../../test/support/stores.ts";
import { testContext } from "../../test/support/test-context.ts";
import { WIN_BACK_ACTIONS } from "../core/brief/why.ts";
import { DEFAULT_CONFIG } from "../core/config.ts";
import { customerBrief } from "./customer-brief.ts";
import { loadDemoWorkspace } from "./load-demo-workspace.ts";
import { setChecklistStep } from "./set-checklist-step.ts";

const END = "2025-06-30";
const now = new Date("2025-07-01T08:00:00Z");
/** Every action early warning can propose: a save play, wrong once the customer has left. */
const SAVE_ACTIONS = new Set(Object.values(DEFAULT_CONFIG.earlyWarning.actions).flat());

describeStores("the brief's why comes from the headline score (issue 18)", (s) => {
  it("a churned demo customer: no live-risk headline, no save actions, a win-back checklist", async () => {
    const org = await s.freshOrg();
    const ctx = testContext(s.db(), () => now);
    await loadDemoWorkspace(ctx, org.id, { customers: 60, seed: 5, end: END, months: 8 });
    const rows = await s
      .db()
      .kysely.selectFrom("customers")
      .select(["id", "status"])
      .where("org_id", "=", org.id)
      .orderBy("id")
      .execute();
    const churned = rows.filter((r) => r.status === "churned");
    const live = rows.filter((r) => r.status !== "churned");
    expect(churned.length).toBeGreaterThan(0);
    expect(live.length).toBeGreaterThan(0);

    for (const { id } of churned.slice(0, 5)) {
      const b = await customerBrief(s.db(), org.id, id, now);
      expect(b.headline).toMatch(/^Churned/);
      expect(b.headline).not.toMatch(/risk/i);
      expect(b.headline_risk.level).toBeNull();
      expect(b.customer.risk_level).toBeNull();
      expect(b.score?.at_churn).toBe(true);
      expect(b.score?.reasons).toEqual([]);
      expect(b.score?.actions).toEqual(WIN_BACK_ACTIONS);
      for (const a of b.score?.actions ?? []) expect(SAVE_ACTIONS.has(a)).toBe(false);
      expect(b.checklist.map((c) => c.id)).toEqual(["winback-feedback", "winback-offer", "follow-up"]);
      expect(b.drafts.email.subject).not.toContain("check-in");
    }

    // A live customer: the reasons are the churn-risk signals the opening sentence names.
    let checked = 0;
    for (const { id } of live) {
      const b = await customerBrief(s.db(), org.id, id, now);
      expect(b.score?.kind).toBe("churn_risk");
      expect(b.score?.at_churn).toBe(false);
      const head = b.scores.churn_risk!;
      const fired = head.signals.filter((x) => x.effect > 0).map((x) => x.name);
      for (const r of b.score?.reasons ?? []) expect(fired).toContain(r.rule);
      if ((b.score?.reasons.length ?? 0) === 0) continue;
      expect(b.headline).toContain(b.score!.reasons[0]!.text.slice(1));
      expect(b.headline).toMatch(new RegExp(`^Churn risk ${head.level} \\(${head.score}\\)`));
      // The checklist is ticked against the same plan the brief shows.
      const step = b.checklist[0]!;
      const ticked = await setChecklistStep(ctx, org.id, {
        customerId: id,
        stepId: step.id,
        done: true,
        actor: "t",
      });
      expect(ticked.id).toBe(step.id);
      checked++;
      if (checked === 3) break;
    }
    expect(checked).toBeGreaterThan(0);
  });
});
