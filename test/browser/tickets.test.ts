/**
 * The Tickets tab in a real Chromium against the real service (temporary SQLite store with the shared
 * RavenStack data, org "acme", the rules analyzer). Needs a built dashboard:
 * `npx vite build --config web/vite.config.ts`. A full-page screenshot goes to test-artifacts/tickets.png.
 */
import fs from "node:fs";
import path from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium } from "../support/browser.ts";
import { startTestServer } from "../support/test-server.ts";

const ROOT = path.resolve(import.meta.dirname, "../..");
const WEB_DIR = path.join(ROOT, "web/dist");
const ARTIFACTS = path.join(ROOT, "test-artifacts");
const SEED_TICKET =
  "We like the product, but the renewal quote is beyond our budget. We're a small team and cannot justify the cost increase. Is there a lower tier or discount available? If not, we may downgrade or cancel before renewal next month.";
const UNLINKED_BADGE = "Unlinked (not matched to a customer)";

let server: Awaited<ReturnType<typeof startTestServer>>;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const pageErrors: string[] = [];

/** One ticket tied to a RavenStack account (A-2e4581), one naming an account that does not exist. */
const TICKETS_CSV = [
  "ticket_id,subject,body,account_id",
  `BT-1,Renewal quote,"${SEED_TICKET}",A-2e4581`,
  `BT-2,Export question,"How do I export last month's dashboards to PDF? The button seems to be missing.",A-nosuch`,
].join("\n");

const csvFile = (name: string, text: string) => ({ name, mimeType: "text/csv", buffer: Buffer.from(text) });
const figure = (label: string) =>
  page.locator(".figures > div").filter({ has: page.locator("dt", { hasText: new RegExp(`^${label}$`) }) });
const ticketRow = (id: string) =>
  page
    .locator("table.tickets tbody tr")
    .filter({ has: page.locator("th", { hasText: new RegExp(`^${id}$`) }) });
const rowIds = () => page.locator("table.tickets tbody th[scope=row]").allTextContents();

beforeAll(async () => {
  if (!fs.existsSync(path.join(WEB_DIR, "index.html"))) {
    throw new Error("web/dist is not built: run `npx vite build --config web/vite.config.ts` first");
  }
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  server = await startTestServer({ webDir: WEB_DIR });
  browser = await launchChromium();
  context = await browser.newContext({
    viewport: { width: 1440, height: 900 },
    locale: "en-US",
    timezoneId: "UTC",
  });
  page = await context.newPage();
  page.on("pageerror", (e) => pageErrors.push(String(e)));
  page.on("console", (m) => {
    // The refused upload (422) is logged by Chromium itself.
    if (m.type() === "error" && !/status of 422/.test(m.text())) pageErrors.push(m.text());
  });
}, 600_000); // the RavenStack import (and its queued history backfill) take minutes on a loaded machine

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe("tickets page", () => {
  it("opens from the top nav with the analyzer, batch, upload and list", async () => {
    await page.goto(`${server.url}/#key=${server.key}`);
    await expect.poll(() => page.evaluate(() => location.hash)).toBe("#/executive");
    const tab = page.getByRole("navigation", { name: "Pages" }).getByRole("link", { name: "Tickets" });
    await tab.click();
    await expect.poll(() => page.evaluate(() => location.hash)).toBe("#/tickets");
    await page.getByRole("heading", { name: "Tickets", level: 1 }).waitFor();
    expect(await tab.getAttribute("aria-current")).toBe("page");
    expect(await page.title()).toBe("Tickets · Holdfast");

    expect(await page.getByLabel("Ticket text").inputValue()).toBe("");
    expect(await page.getByRole("button", { name: "Analyze" }).isDisabled()).toBe(true);
    expect(await page.getByLabel("Tickets to process").inputValue()).toBe("100");
    expect(await page.getByLabel("Timeout per ticket (seconds)").inputValue()).toBe("60");
    expect(await page.getByLabel("Ticket CSV file").getAttribute("accept")).toBe(".csv");
    // The RavenStack tickets carry no text and are all linked to accounts.
    await page.locator("table.tickets tbody tr").first().waitFor();
    expect(await page.locator("table.tickets tbody tr").count()).toBe(100);
    expect(await page.getByText(UNLINKED_BADGE).count()).toBe(0);
  });

  it("analyzes the seed example: billing, negative, churn intent, by the rules analyzer", async () => {
    // Keyboard only: the seed button, then Ctrl+Enter in the text box.
    await page.getByRole("button", { name: "Try the seed example" }).focus();
    await page.keyboard.press("Enter");
    const text = page.getByLabel("Ticket text");
    expect(await text.inputValue()).toBe(SEED_TICKET);
    const post = page.waitForResponse((r) => r.url().endsWith("/v1/tickets/analyze"));
    await text.focus();
    await page.keyboard.press("Control+Enter");
    expect((await post).status()).toBe(200);

    const answer = page.getByRole("region", { name: "Analysis" });
    await answer.locator("pre").waitFor();
    const json = JSON.parse((await answer.locator("pre").textContent()) ?? "{}");
    expect(json).toMatchObject({ category: "billing", sentiment: "negative", churn_intent: true });
    expect(Object.keys(json)).toEqual([
      "summary",
      "category",
      "sentiment",
      "churn_intent",
      "recommended_action",
    ]);
    expect(json.summary).toEqual(expect.any(String));
    expect(json.recommended_action).toEqual(expect.any(String));
    expect(await answer.getByText(/^Answered by rules \(.+\)$/).count()).toBe(1);
  });

  it("refuses a ticket CSV without a text column, with its detail lines", async () => {
    await page
      .getByLabel("Ticket CSV file")
      .setInputFiles(csvFile("no-text.csv", "ticket_id,account_id\nX-1,A-1\n"));
    await page.getByRole("button", { name: "Upload tickets" }).click();
    const alert = page.getByRole("alert").filter({ hasText: "Upload failed" });
    await alert.waitFor();
    expect(await alert.textContent()).toContain("Import refused: 1 error; nothing was written");
    const details = await alert.locator("li").allTextContents();
    expect(details).toHaveLength(1);
    expect(details[0]).toMatch(/^no-text\.csv:1: no text column found/);
  });

  it("uploads a ticket CSV: 1 linked by account id, 1 unlinked, and which columns were used", async () => {
    await page.getByLabel("Ticket CSV file").setInputFiles(csvFile("tickets.csv", TICKETS_CSV));
    const post = page.waitForResponse((r) => r.url().endsWith("/v1/tickets/upload"));
    await page.getByRole("button", { name: "Upload tickets" }).click();
    expect((await post).status()).toBe(200);
    await page.getByText(/^Ticket import #\d+: Imported$/).waitFor();
    expect(await page.getByRole("alert").filter({ hasText: "Upload failed" }).count()).toBe(0);

    expect(await figure("Rows").locator("dd").textContent()).toBe("2");
    expect(await figure("Linked by customer id").locator("dd").textContent()).toBe("0");
    expect(await figure("Linked by account id").locator("dd").textContent()).toBe("1");
    expect(await figure("Linked by email domain").locator("dd").textContent()).toBe("0");
    expect(await figure("Unlinked").locator("dd").textContent()).toBe("1");
    const columns = await page.getByRole("list", { name: "Columns used" }).locator("li").allTextContents();
    expect(columns).toContain("text: subject (subject) + body (body)");
    expect(columns).toContain("account id: account_id");

    // The list is refreshed: the new tickets (undated: the org's as-of day, its newest) come first, analyzed by
    // the refresh that follows every upload (the rules analyzer runs in it).
    await ticketRow("BT-2").waitFor();
    expect((await rowIds()).slice(0, 2).sort()).toEqual(["BT-1", "BT-2"]);
    expect(await ticketRow("BT-2").getByText(UNLINKED_BADGE).count()).toBe(1);
    expect(await ticketRow("BT-1").getByText(UNLINKED_BADGE).count()).toBe(0);
    expect(await ticketRow("BT-1").textContent()).toContain("A-2e4581");
    expect(await ticketRow("BT-1").textContent()).toContain("by account id");
    const cells = await ticketRow("BT-1").locator("td").allTextContents();
    expect(cells.slice(3)).toEqual(["Billing", "Negative", "Yes", "rules"]);
    expect((await ticketRow("BT-2").locator("td").allTextContents()).at(-1)).toBe("rules");
  });

  it("runs a batch analysis as a job to the end (nothing left after the upload's refresh)", async () => {
    // The one worker takes jobs in turn: the import's history backfill and the upload's refresh come
    // first and take minutes on a loaded machine, so the run is started once they are done.
    await expect
      .poll(
        async () => {
          const res = await fetch(`${server.url}/v1/jobs?limit=500`, {
            headers: { authorization: `Bearer ${server.key}` },
          });
          const { jobs } = (await res.json()) as { jobs: { status: string; run_at: string }[] };
          const now = Date.now();
          return jobs.filter(
            (j) => j.status === "running" || (j.status === "queued" && Date.parse(j.run_at) <= now),
          ).length;
        },
        { timeout: 540_000, interval: 1_000 },
      )
      .toBe(0);
    await page.getByLabel("Tickets to process").fill("100");
    await page.getByLabel("Timeout per ticket (seconds)").fill("60");
    const post = page.waitForResponse(
      (r) => r.request().method() === "POST" && r.url().endsWith("/v1/tickets/analysis-runs"),
    );
    await page.getByRole("button", { name: "Run analysis" }).click();
    const started = await post;
    expect(started.status()).toBe(202);
    expect(started.request().postDataJSON()).toEqual({ limit: 100, timeout_seconds: 60 });
    // A run is a job: queued until the server's worker takes it.
    expect(await started.json()).toMatchObject({ status: "queued", analyzer: "rules" });

    const summary = page.locator(".run-summary");
    await summary.waitFor({ timeout: 30_000 });
    expect(await page.locator(".run-status").textContent()).toBe("Done");
    // The upload's refresh analyzed both tickets already: the run finds none left.
    expect(await summary.textContent()).toBe("Analyzed 0, errors 0 (timeouts 0)");
    expect(await page.getByText("No stored ticket needed analysis.").count()).toBe(1);
    expect(await page.locator(".progress-count").textContent()).toBe("0 / 0");
    expect(await page.getByRole("button", { name: "Cancel" }).count()).toBe(0);
    expect(await page.getByRole("button", { name: "Run analysis" }).isEnabled()).toBe(true);
    const cells = await ticketRow("BT-1").locator("td").allTextContents();
    expect(cells.slice(3)).toEqual(["Billing", "Negative", "Yes", "rules"]);
    await page.screenshot({ path: path.join(ARTIFACTS, "tickets.png"), fullPage: true });
  }, 600_000);

  it("shows an analyzer error, and cancels a slow run (those two answers mocked in the page)", async () => {
    // The rules analyzer neither times out nor runs long enough to cancel, so these answers are stubbed.
    await page.route("**/v1/tickets/analyze", (r) =>
      r.fulfill({ json: { error: "timeout_after_60s", analyzer: "ollama:llama3.1:8b", version: "p1" } }),
    );
    await page.getByRole("button", { name: "Analyze" }).click();
    const failed = page.getByRole("alert").filter({ hasText: "The analyzer gave no answer" });
    await failed.waitFor();
    expect(await failed.textContent()).toContain("timeout_after_60s");
    expect(await failed.textContent()).toContain("Answered by ollama:llama3.1:8b (p1)");
    expect(await page.getByRole("region", { name: "Analysis" }).count()).toBe(0);

    const id = "00000000-0000-4000-8000-000000000001";
    const run = {
      id,
      status: "running",
      analyzer: "ollama:llama3.1:8b",
      done: 0,
      total: 0,
      analyzed: 0,
      errors: 0,
      timeouts: 0,
      started_at: new Date().toISOString(),
      finished_at: null,
      message: null,
    };
    let cancelled = false;
    let polls = 0;
    await page.route("**/v1/tickets/analysis-runs", (r) => r.fulfill({ status: 202, json: run }));
    await page.route(`**/v1/tickets/analysis-runs/${id}`, (r) => {
      if (r.request().method() === "DELETE") cancelled = true;
      else polls++;
      const finished = cancelled && r.request().method() === "GET";
      return r.fulfill({
        json: {
          ...run,
          done: 1,
          total: 4,
          ...(finished
            ? {
                status: "cancelled",
                analyzed: 1,
                errors: 1,
                timeouts: 1,
                finished_at: new Date().toISOString(),
              }
            : {}),
        },
      });
    });
    await page.getByRole("button", { name: "Run analysis" }).click();
    const bar = page.getByRole("progressbar", { name: "Analysis progress" });
    await page.locator(".progress-count").getByText("1 / 4").waitFor();
    expect(await bar.getAttribute("max")).toBe("4");
    expect(await page.getByRole("button", { name: "Running…" }).isDisabled()).toBe(true);
    await page.getByRole("button", { name: "Cancel" }).click();
    await page.locator(".run-status").getByText("Cancelled").waitFor();
    expect(cancelled).toBe(true);
    expect(polls).toBeGreaterThanOrEqual(2);
    expect(await page.locator(".run-summary").textContent()).toBe("Analyzed 1, errors 1 (timeouts 1)");
    expect(await page.getByRole("button", { name: "Cancel" }).count()).toBe(0);
    await page.unrouteAll();
  });

  it("filters the list (kept in the address), and a re-upload changes nothing", async () => {
    const show = page.getByLabel("Show", { exact: true });
    await show.selectOption({ label: "Unlinked only" });
    await expect.poll(rowIds).toEqual(["BT-2"]);
    expect(await page.evaluate(() => location.hash)).toBe("#/tickets?show=unlinked");
    expect(await page.getByText(UNLINKED_BADGE).count()).toBe(1);

    await show.selectOption({ label: "Churn intent only" });
    await expect.poll(rowIds).toContain("BT-1");
    expect(await rowIds()).not.toContain("BT-2");
    expect(await page.evaluate(() => location.hash)).toBe("#/tickets?show=churn");

    await page.reload();
    await expect.poll(rowIds).toContain("BT-1");
    expect(await page.getByLabel("Show", { exact: true }).inputValue()).toBe("churn");
    await page.getByLabel("Show", { exact: true }).selectOption({ label: "All" });
    await expect.poll(() => page.evaluate(() => location.hash)).toBe("#/tickets");
    await expect.poll(async () => (await rowIds()).length).toBe(100);

    await page.getByLabel("Ticket CSV file").setInputFiles(csvFile("tickets.csv", TICKETS_CSV));
    await page.getByRole("button", { name: "Upload tickets" }).click();
    await page.getByText(/^Ticket import #\d+: Unchanged$/).waitFor();
    expect(pageErrors).toEqual([]);
  });

  it("the customer brief lists the account's tickets, the churn-intent one highlighted", async () => {
    // Four older tickets of the same account, so the brief has more than it shows at first.
    const older = [
      "ticket_id,subject,body,account_id,created_at",
      ...[1, 2, 3, 4].map(
        (i) => `BT-old-${i},Question ${i},How do I add a user to a project?,A-2e4581,2024-12-0${i}`,
      ),
    ].join("\n");
    await page.getByLabel("Ticket CSV file").setInputFiles(csvFile("older.csv", older));
    await page.getByRole("button", { name: "Upload tickets" }).click();
    await page.getByText(/^Ticket import #\d+: Imported$/).waitFor();

    const api = async (p: string) =>
      (await fetch(`${server.url}${p}`, { headers: { authorization: `Bearer ${server.key}` } })).json();
    const customer = (await api("/v1/customers?q=A-2e4581&limit=1")).items[0].customer_id as string;
    const data = await api(`/v1/customers/${encodeURIComponent(customer)}`);
    expect(data.score.reasons.map((r: { rule: string }) => r.rule)).toContain("churn_intent");
    expect(data.tickets[0].id).toBe("BT-1");
    const total = data.tickets.length as number;
    expect(total).toBeGreaterThan(5);

    await page.goto(`${server.url}/#/at-risk?customer=${encodeURIComponent(customer)}`);
    const section = page
      .getByRole("complementary", { name: "Customer brief" })
      .getByRole("region", { name: "Tickets behind the reasons" });
    await section.waitFor();
    const items = section.getByRole("list", { name: "Tickets behind the reasons" }).getByRole("listitem");
    expect(await items.count()).toBe(5);
    const first = items.first();
    expect(await first.getAttribute("class")).toBe("brief-ticket intent");
    const text = await first.textContent();
    for (const part of [
      "BT-1",
      "Renewal quote",
      "Billing",
      "Negative",
      "Churn intent",
      "Behind the churn-intent reason",
    ])
      expect(text).toContain(part);
    // The analysis's summary (the start of the first sentence), without the subject it begins with.
    expect(await first.locator(".brief-ticket-summary").textContent()).toMatch(
      /^We like the product, but the renewal quote/,
    );
    expect(await section.locator(".brief-ticket.intent").count()).toBe(1);

    // The rest, from the keyboard.
    const more = section.getByRole("button", { name: `Show all ${total} tickets` });
    expect(await more.getAttribute("aria-expanded")).toBe("false");
    await more.focus();
    await page.keyboard.press("Enter");
    await expect.poll(() => items.count()).toBe(total);
    expect(
      await section.getByRole("button", { name: "Show the latest 5" }).getAttribute("aria-expanded"),
    ).toBe("true");
    expect(await section.getByText("Not analyzed").count()).toBeGreaterThan(0);
    await section.screenshot({ path: path.join(ARTIFACTS, "tickets-brief.png") });
    expect(pageErrors).toEqual([]);
  });
});
