import { describe, expect, it } from "vitest";
import { bufferSource } from "../csv/sources.ts";
import { previewTicketCsv, readTicketCsv } from "./import-ticket-csv.ts";
import { pickColumns } from "./pick-columns.ts";

const src = (text: string, name = "tickets.csv") => bufferSource(name, new TextEncoder().encode(text));

describe("pickColumns", () => {
  it("prefers subject + body, then a text column by name, then the longest values", () => {
    expect(pickColumns(["Subject", "Body", "Queue"], []).notes[0]).toBe(
      "text: subject (Subject) + body (Body)",
    );
    expect(pickColumns(["id", "Description", "tags"], []).notes[0]).toBe(
      "text: Description (a text column by name)",
    );
    const sample = [["1", "short", "This is a much longer free-text complaint about invoices"]];
    expect(pickColumns(["id", "kind", "notes_field"], sample).notes[0]).toBe(
      "text: notes_field (longest values, 56 characters on average)",
    );
  });
});

describe("readTicketCsv", () => {
  const links = {
    customerAccount: new Map([
      ["S-1", "A-1"],
      ["S-3", "A-1"],
    ]),
    accounts: new Set(["A-1", "A-2"]),
    domains: new Map([["acme.io", { customerId: "S-3", accountId: "A-1" }]]),
  };

  it("links by customer id, account id or email domain, and names the customers and accounts it linked", async () => {
    const csv = [
      "ticket_id,subject,body,customer_id,account_id,email,created_at",
      "K-1,Invoice,Charged twice,S-1,,,2024-12-20",
      "K-2,Slow,Dashboards are slow,,A-2,,2024-12-21",
      "K-3,Cancel,We will cancel,,,bob@acme.io,2024-12-22",
      "K-4,Hello,Who are you,,A-404,,",
    ].join("\n");
    const r = await readTicketCsv(src(csv), links, { today: "2026-01-01" });
    if (!r.ok) throw new Error(r.errors.join("\n"));
    expect(r.linked).toEqual({ customer_id: 1, account_id: 1, email_domain: 1 });
    expect(r.unlinked).toBe(1);
    expect(r.customerIds.sort()).toEqual(["S-1", "S-3"]);
    expect(r.accountIds.sort()).toEqual(["A-1", "A-2"]);
    expect(r.rows.map((t) => [t[0], t[3]])).toEqual([
      ["K-1", "2024-12-20"],
      ["K-2", "2024-12-21"],
      ["K-3", "2024-12-22"],
      ["K-4", "2026-01-01"],
    ]);
  });

  it("returns the errors and no rows for a bad file", async () => {
    const r = await readTicketCsv(src("id,subject,body\n1,Hi,Works\n1,Again,dup"), links, {
      today: "2026-01-01",
    });
    expect(r).toEqual({
      ok: false,
      errors: ['tickets.csv:3: id: duplicate id "1" (first on line 2)'],
      errorCount: 1,
    });
  });

  it("previews the columns it would use", async () => {
    const p = await previewTicketCsv(src("ticket,title,description,requester\n1,a,b,c@d.e"));
    expect(p.notes).toEqual(
      expect.arrayContaining([
        "text: subject (title) + body (description)",
        "id: ticket",
        "requester email: requester",
      ]),
    );
  });
});
