import { describe, expect, it } from "vitest";
import { type CrmFacts, crmBody, crmColumns, crmRecord } from "./crm.ts";
import { slackEscape, slackMessage } from "./slack-message.ts";
import { type ChangeFact, changeEvents, isCriticalCrossing } from "./webhook-events.ts";

const change = (o: Partial<ChangeFact>): ChangeFact => ({
  id: 7,
  customerId: "c1",
  kind: "churn_risk",
  oldScore: 50,
  newScore: 81,
  oldLevel: "high",
  newLevel: "critical",
  crossed: null,
  cause: "refresh",
  at: "2026-03-01T10:00:00.000Z",
  ...o,
});

describe("score changes as webhook events", () => {
  it("a level change is score.band_changed, a crossing score.threshold_crossed, with stable ids", () => {
    expect(changeEvents(change({})).map((e) => [e.id, e.type])).toEqual([["sc_7", "score.band_changed"]]);
    expect(changeEvents(change({ oldLevel: "critical", crossed: "80" })).map((e) => [e.id, e.type])).toEqual([
      ["sc_7_t", "score.threshold_crossed"],
    ]);
    // A customer's first score (no old level) is not a band change.
    expect(changeEvents(change({ oldLevel: null }))).toEqual([]);
  });

  it("a lifecycle stage becoming churned is also customer.churned", () => {
    const ev = changeEvents(change({ kind: "lifecycle_stage", oldLevel: "at_risk", newLevel: "churned" }));
    expect(ev.map((e) => e.type)).toEqual(["score.band_changed", "customer.churned"]);
    expect(ev[1]).toMatchObject({ version: 1, customer_id: "c1", data: { kind: "lifecycle_stage" } });
  });

  it("only a move into critical is a critical crossing", () => {
    expect(isCriticalCrossing(change({}))).toBe(true);
    expect(isCriticalCrossing(change({ oldLevel: "critical" }))).toBe(false);
    expect(isCriticalCrossing(change({ newLevel: "high" }))).toBe(false);
  });
});

const facts: CrmFacts = {
  customerId: "c_0042",
  accountId: "A-0042",
  name: "Acme",
  owner: "dana",
  tier: "Pro",
  arr: 24_000.4,
  status: "active",
  healthScore: 38,
  healthLevel: "poor",
  churnRiskScore: 81,
  churnRiskLevel: "critical",
  lastPlay: "churn-risk-critical-winback",
  lastPlayAt: "2026-03-01T10:00:00.000Z",
};

describe("CRM field mapping", () => {
  it("maps to HubSpot company properties keyed by holdfast_customer_id", () => {
    const b = crmBody("hubspot", facts, { id: "sc_7", type: "score.band_changed", version: 1 });
    expect(b).toMatchObject({
      inputs: [
        {
          id: "c_0042",
          idProperty: "holdfast_customer_id",
          properties: {
            holdfast_churn_risk_level: "critical",
            holdfast_last_play_date: "2026-03-01",
            annualrevenue: 24_000,
          },
        },
      ],
    });
  });

  it("maps to Salesforce Account fields upserted by external id, columns in one order", () => {
    expect(crmRecord("salesforce", facts)).toMatchObject({
      Holdfast_Customer_Id__c: "c_0042",
      Holdfast_Health__c: "poor",
      Holdfast_Owner__c: "dana",
    });
    expect(crmColumns("salesforce").slice(0, 3)).toEqual([
      "Holdfast_Customer_Id__c",
      "AccountNumber",
      "Name",
    ]);
  });
});

describe("Slack Block Kit alert", () => {
  it("escapes mrkdwn, links the brief, and names the alert", () => {
    expect(slackEscape("<a & b>")).toBe("&lt;a &amp; b&gt;");
    const m = slackMessage({
      alert: "csm_task",
      customerId: "c1",
      customerName: "Acme",
      owner: null,
      tier: "Pro",
      arr: 1200,
      churnRiskLevel: "critical",
      tactic: "winback",
      reason: "Call <them>",
      briefUrl: "https://hf.example.com/#/customers/c1",
    });
    expect(m.text).toBe("New CSM task: Acme — Call <them>");
    expect(JSON.stringify(m.blocks)).toContain("Call &lt;them&gt;");
    expect(JSON.stringify(m.blocks)).toContain("https://hf.example.com/#/customers/c1");
    expect(JSON.stringify(m.blocks)).toContain("unassigned");
  });
});
