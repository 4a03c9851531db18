/**
 * The "wrong category or churn intent?" control on the Tickets page, in a real Chromium against the
 * real service (empty org, tickets uploaded over HTTP, the rules analyzer). Needs a built dashboard:
 * `npx vite build --config web/vite.config.ts`.
 */
import fs from "node:fs";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium } from "../support/browser.ts";
import { startTestServer } from "../support/test-server.ts";

const ROOT = path.resolve(import.meta.dirname, "../..");
const WEB_DIR = path.join(ROOT, "web/dist");

let server: Awaited<ReturnType<typeof startTestServer>>;
let browser: Browser;
let page: Page;
const pageErrors: string[] = [];

const CSV = [
  "ticket_id,subject,body",
  "CT-1,Dashboards,Dashboards take forever to load since Monday",
  "CT-2,Seats,Please add 20 seats for the new sales team",
].join("\n");

beforeAll(async () => {
  if (!fs.existsSync(path.join(WEB_DIR, "index.html"))) {
    throw new Error("web/dist is not built: run `npx vite build --config web/vite.config.ts` first");
  }
  server = await startTestServer({ webDir: WEB_DIR, ravenstack: false });
  browser = await launchChromium();
  page = await (
    await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: "en-US" })
  ).newPage();
  page.on("pageerror", (e) => pageErrors.push(String(e)));
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const row = (id: string) =>
  page
    .locator("table.tickets tbody tr")
    .filter({ has: page.locator("th", { hasText: new RegExp(`^${id}$`) }) });

describe("ticket corrections on the Tickets page", () => {
  it("a CSM corrects a ticket's category and churn intent; it is stored with what the analyzer said", async () => {
    const auth = { authorization: `Bearer ${server.key}` };
    const upload = new FormData();
    upload.append("file", new Blob([CSV], { type: "text/csv" }), "tickets.csv");
    const up = await fetch(`${server.url}/v1/tickets/upload`, {
      method: "POST",
      headers: auth,
      body: upload,
    });
    expect(up.status).toBe(200);
    const run = await fetch(`${server.url}/v1/tickets/analysis-runs`, {
      method: "POST",
      headers: { ...auth, "content-type": "application/json" },
      body: "{}",
    });
    expect(run.status).toBe(202);
    const { id } = (await run.json()) as { id: number | string };
    await expect
      .poll(
        async () =>
          (
            (await (
              await fetch(`${server.url}/v1/tickets/analysis-runs/${id}`, { headers: auth })
            ).json()) as {
              status: string;
            }
          ).status,
        { timeout: 240_000, interval: 500 },
      )
      .toMatch(/^(?:succeeded|done|completed)$/);
    await page.goto(`${server.url}/#key=${server.key}`);
    await page.goto(`${server.url}/#/tickets`);
    await row("CT-1").waitFor({ timeout: 60_000 });
    expect(await row("CT-2").locator("td").nth(3).textContent()).toBe("Expansion");
    await row("CT-1").getByRole("button", { name: "Wrong category or churn intent?" }).click();
    const form = row("CT-1").getByRole("form", { name: "Correct ticket CT-1" });
    await form.getByLabel("Category").selectOption("bug");
    await form.getByLabel("Churn intent").selectOption("yes");
    await form.getByLabel("Note").fill("customer says it is broken");
    const post = page.waitForResponse((r) => r.url().endsWith("/v1/tickets/CT-1/correction"));
    await form.getByRole("button", { name: "Save correction" }).click();
    expect((await post).status()).toBe(200);
    await row("CT-1")
      .getByRole("status")
      .filter({ hasText: "Correction saved: Bug; churn intent yes" })
      .waitFor();
    const stored = await server.db.kysely
      .selectFrom("ticket_corrections" as never)
      .selectAll()
      .execute();
    expect(stored).toMatchObject([
      {
        ticket_id: "CT-1",
        category: "bug",
        churn_intent: 1,
        note: "customer says it is broken",
        was_category: "performance",
      },
    ]);
    expect(pageErrors).toEqual([]);
  }, 300_000);
});
