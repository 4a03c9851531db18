import { expect, it } from "vitest";
import { describeStores } from "../../test/support/stores.ts";
import { testContext } from "../../test/support/test-context.ts";
import { buildApp } from "../api/app.ts";
import { parseConfig } from "../core/config.ts";
import { HoldfastError } from "../core/errors.ts";
import { bufferSource } from "../ingest/csv/sources.ts";
import { createApiKey } from "../store/api-keys.ts";
import { listAudit } from "../store/audit.ts";
import { listTicketCorrections } from "../store/ticket-corrections.ts";
import { correctTicket } from "./correct-ticket.ts";
import { importTickets } from "./import-tickets.ts";
import { listTickets } from "./list-tickets.ts";
import { runTicketAnalysis } from "./run-ticket-analysis.ts";

const now = () => new Date("2026-01-01T00:00:00Z");
const csv = [
  "ticket_id,subject,body,created_at",
  "K-1,Seats,Please add 20 seats for the new sales team,2025-12-01",
  "K-2,Dashboards,Dashboards take forever to load since Monday,2025-12-02",
  "K-3,Hello,Who should we talk to about a case study,2025-12-03",
].join("\n");

describeStores("ticket corrections", (s) => {
  const ctx = () => testContext(s.db(), now);
  async function orgWithTickets() {
    const org = await s.freshOrg();
    await importTickets(ctx(), org.id, bufferSource("t.csv", new TextEncoder().encode(csv)), {
      actor: "t",
      sourceLabel: "t",
    });
    return org;
  }
  async function analyzedOrg() {
    const org = await orgWithTickets();
    await runTicketAnalysis(ctx(), org.id, ctx().defaults.tickets, { actor: "t" });
    return org;
  }
  const byId = async (orgId: number) =>
    new Map((await listTickets(ctx(), orgId, { limit: 10 })).map((t) => [t.id, t.analysis]));

  it("stores and audits a correction, refuses bad ones, and the next analysis run trains on it", async () => {
    const org = await analyzedOrg();
    let a = await byId(org.id);
    expect(a.get("K-1")?.category).toBe("expansion");
    expect(a.get("K-1")?.recommended_action).not.toMatch(/billing|invoice|charge/i);
    expect(a.get("K-2")?.category).toBe("performance");

    const r = await correctTicket(
      ctx(),
      org.id,
      "K-2",
      { category: "bug", churn_intent: true, note: "  they said it is broken  " },
      { actor: "csm-key" },
    );
    expect(r).toMatchObject({
      ticket_id: "K-2",
      category: "bug",
      churn_intent: true,
      note: "they said it is broken",
      was_category: "performance",
      was_churn_intent: false,
      corrected_by: "csm-key",
    });
    const stored = await listTicketCorrections(s.db(), org.id);
    expect(stored.map((c) => [c.ticket_id, c.category, Number(c.churn_intent)])).toEqual([["K-2", "bug", 1]]);
    const audit = (await listAudit(s.db(), org.id)).filter((e) => e.action === "ticket.correction");
    expect(audit).toHaveLength(1);

    await expect(correctTicket(ctx(), org.id, "K-404", { category: "bug" }, { actor: "x" })).rejects.toThrow(
      HoldfastError,
    );
    await expect(correctTicket(ctx(), org.id, "K-1", {}, { actor: "x" })).rejects.toThrow(/category/);
    // Another org cannot see or correct this org's ticket.
    const other = await s.freshOrg();
    await expect(correctTicket(ctx(), other.id, "K-2", { category: "bug" }, { actor: "x" })).rejects.toThrow(
      /no ticket/,
    );

    const run = await runTicketAnalysis(ctx(), org.id, ctx().defaults.tickets, { actor: "t" });
    expect(run.classifier).toBeDefined();
    expect(run.version).toMatch(/^rules-\d+\+(?:c|lr)-[0-9a-f]{12}$/);
    a = await byId(org.id);
    expect(a.get("K-2")).toMatchObject({ category: "bug", churn_intent: true });
    expect(a.get("K-1")?.category).toBe("expansion");
    const runs = await s
      .db()
      .kysely.selectFrom("ticket_classifier_runs" as never)
      .selectAll()
      .where("org_id" as never, "=", org.id as never)
      .execute();
    // One cross-validation per training set: before the correction and with it.
    expect(runs.map((r) => Number((r as { corrections: number }).corrections)).sort()).toEqual([0, 1]);
  });

  it("POST /v1/tickets/:id/correction: csm and above, validated, org-scoped", async () => {
    const org = await orgWithTickets();
    const config = parseConfig({});
    const app = await buildApp({ db: s.db(), config, now });
    const key = async (role: "csm" | "viewer") =>
      (await createApiKey(s.db(), org.id, { role, name: role, now: now() })).key;
    const csm = await key("csm");
    const viewer = await key("viewer");
    const post = (k: string, id: string, payload: unknown) =>
      app.inject({
        method: "POST",
        url: `/v1/tickets/${id}/correction`,
        headers: { authorization: `Bearer ${k}` },
        payload: payload as object,
      });
    expect((await post(viewer, "K-3", { category: "other" })).statusCode).toBe(403);
    const bad = await post(csm, "K-3", { category: "nonsense" });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toMatch(/category/);
    expect((await post(csm, "K-3", { note: "only a note" })).statusCode).toBe(400);
    expect((await post(csm, "K-404", { category: "other" })).statusCode).toBe(404);
    const ok = await post(csm, "K-3", { churn_intent: true });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ ticket_id: "K-3", category: null, churn_intent: true });
    await app.close();
  });
});
