import { expect, it } from "vitest";
import { validRavenstack, writeDir } from "../../test/support/ravenstack-fixture.ts";
import { describeStores } from "../../test/support/stores.ts";
import { testContext } from "../../test/support/test-context.ts";
import { HoldfastError } from "../core/errors.ts";
import { bufferSource } from "../ingest/csv/sources.ts";
import { ravenstackSourcesFromPath } from "../ingest/ravenstack/sources.ts";
import { countOrgData } from "../store/orgs.ts";
import { importRavenstack } from "./import-ravenstack.ts";
import { importTickets } from "./import-tickets.ts";

const now = () => new Date("2026-01-01T00:00:00Z");
const src = (text: string, name = "tickets.csv") => bufferSource(name, new TextEncoder().encode(text));
const opts = { actor: "t", sourceLabel: "t" };

describeStores("ticket text import", (s) => {
  const ctx = () => testContext(s.db(), now);
  async function orgWithCustomers() {
    const org = await s.freshOrg();
    await importRavenstack(ctx(), org.id, ravenstackSourcesFromPath(writeDir(validRavenstack())), {
      grain: "subscription",
      source: "t",
      actor: "t",
      refresh: false,
    });
    await s
      .db()
      .kysely.updateTable("customers")
      .set({ billing_email: "ap@acme.io" })
      .where("org_id", "=", org.id)
      .where("id", "=", "S-3")
      .execute();
    return org;
  }

  it("links by customer id, account id or a unique email domain, and never guesses", async () => {
    const org = await orgWithCustomers();
    const csv = [
      "ticket_id,subject,body,customer_id,account_id,email,created_at,priority",
      'K-1,Invoice,"We were charged twice, please refund",S-1,,,2024-12-20,high',
      "K-2,Slow,Dashboards take forever to load,,A-2,,2024-12-21 10:00:00,low",
      "K-3,Cancel,We will cancel at renewal,,,bob@acme.io,2024-12-22,",
      "K-4,Hello,Who are you,,A-404,someone@nowhere.example,2024-12-23,",
    ].join("\n");
    const r = await importTickets(ctx(), org.id, src(csv), opts);
    expect(r).toMatchObject({
      rows: 4,
      linked: { customer_id: 1, account_id: 1, email_domain: 1 },
      unlinked: 1,
      status: "imported",
    });
    expect(r.preview).toContain("text: subject (subject) + body (body)");
    // Refreshed: S-1 (by id), S-2 (account A-2), S-3 (by domain) and so every customer of A-1.
    expect(r.refresh).toMatchObject({ cause: "tickets", customers: 3 });
    const rows = await s
      .db()
      .kysely.selectFrom("tickets")
      .selectAll()
      .where("org_id", "=", org.id)
      .where("id", "like", "K-%")
      .orderBy("id")
      .execute();
    expect(rows.map((t) => [t.id, t.account_id, t.customer_id, t.linked_by])).toEqual([
      ["K-1", "A-1", "S-1", "customer_id"],
      ["K-2", "A-2", null, "account_id"],
      ["K-3", "A-1", "S-3", "email_domain"],
      ["K-4", null, null, null],
    ]);
    expect(rows[0]!.body).toBe("We were charged twice, please refund");
    const again = await importTickets(ctx(), org.id, src(csv), opts);
    expect(again.status).toBe("unchanged");
    expect(again.refresh).toBeNull();
  });

  it("falls back to the best text column, names tickets by content, strips NUL bytes and caps length", async () => {
    const org = await orgWithCustomers();
    const long = "x".repeat(25_000);
    const csv = [
      "kind,message",
      "a,Please add dark mode\u0000 to reports",
      `b,${long}`,
      "a,Please add dark mode\u0000 to reports",
    ].join("\n");
    const r = await importTickets(ctx(), org.id, src(csv), opts);
    expect(r).toMatchObject({ rows: 2, unlinked: 2, truncated: 1 });
    const rows = await s
      .db()
      .kysely.selectFrom("tickets")
      .select(["id", "body", "submitted_at"])
      .where("org_id", "=", org.id)
      .where("account_id", "is", null)
      .execute();
    expect(rows.every((t) => /^T-[0-9a-f]{16}$/.test(t.id))).toBe(true);
    expect(rows.map((t) => t.body?.length).sort()).toEqual([20_000, 31]);
    // Undated: the org's as-of day (its historical data ends on 2024-12-31), not today.
    expect(rows[0]!.submitted_at).toBe("2024-12-31");
  });

  it("an undated churn-intent ticket linked by account puts churn intent in each of its customers' churn risk", async () => {
    const org = await orgWithCustomers();
    const csv = [
      "ticket_id,subject,body,account_id",
      'CI-1,Renewal quote,"The renewal quote is beyond our budget. If not, we may downgrade or cancel before renewal.",A-1',
    ].join("\n");
    const r = await importTickets(ctx(), org.id, src(csv), opts);
    // Dated the org's as-of day, so the org is still scored as of its data's last day.
    expect(r.refresh).toMatchObject({ asOf: "2024-12-31", customers: 2 });
    const ticket = await s
      .db()
      .kysely.selectFrom("tickets")
      .select(["submitted_at", "customer_id"])
      .where("org_id", "=", org.id)
      .where("id", "=", "CI-1")
      .executeTakeFirstOrThrow();
    expect(ticket).toEqual({ submitted_at: "2024-12-31", customer_id: null });
    const scores = await s
      .db()
      .kysely.selectFrom("scores")
      .select(["customer_id", "as_of", "signals"])
      .where("org_id", "=", org.id)
      .where("kind", "=", "churn_risk")
      .orderBy("customer_id")
      .execute();
    const intent = (stored: string | null) =>
      (JSON.parse(stored ?? "{}") as { signals?: { name: string; value: unknown }[] }).signals?.find(
        (x) => x.name === "churn_intent",
      );
    // A-1's two subscriptions (the ones refreshed) carry the reason.
    expect(scores.map((x) => [x.customer_id, x.as_of, intent(x.signals)?.value ?? null])).toEqual([
      ["S-1", "2024-12-31", 1],
      ["S-3", "2024-12-31", 1],
    ]);
  });

  it("refuses bad rows with file:line and writes nothing", async () => {
    const org = await orgWithCustomers();
    const before = await countOrgData(s.db(), org.id);
    const csv = [
      "id,subject,body,created_at",
      "1,Hi,Works,2024-12-01",
      "1,Again,dup,2024-12-01",
      "3,,,2024-12-01",
      "4,Hi,Bad date,2024-13-40",
    ].join("\n");
    const err = await importTickets(ctx(), org.id, src(csv), opts).catch((e) => e);
    expect(err).toBeInstanceOf(HoldfastError);
    expect(err.details).toEqual([
      'tickets.csv:3: id: duplicate id "1" (first on line 2)',
      "tickets.csv:4: body: ticket has no text",
      'tickets.csv:5: created_at: "2024-13-40" is not a date-time (expected YYYY-MM-DD or YYYY-MM-DD HH:MM:SS)',
    ]);
    expect(await countOrgData(s.db(), org.id)).toEqual(before);
  });
});
