/**
 * The dashboard in a real Chromium against the real service (temporary SQLite store with the shared
 * RavenStack data, org "acme"). Needs a built dashboard: `npx vite build --config web/vite.config.ts`.
 * Full-page screenshots of each page go to test-artifacts/.
 */
import fs from "node:fs";
import path from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium } from "../support/browser.ts";
import { SHARED_RAVENSTACK, startTestServer } from "../support/test-server.ts";

const ROOT = path.resolve(import.meta.dirname, "../..");
const WEB_DIR = path.join(ROOT, "web/dist");
const ARTIFACTS = path.join(ROOT, "test-artifacts");
const CSV_HEADER =
  "customer_id,account_id,account_name,plan_tier,arr,churned,risk_score,risk_level,top_reasons";
const HIGH_RISK = ["S-2940a5", "S-66b994", "S-bc7cab", "S-be079b"];

let server: Awaited<ReturnType<typeof startTestServer>>;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const pageErrors: string[] = [];

const shot = (name: string) => page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });
const statValue = (label: string) =>
  page
    .locator(".stat-card")
    .filter({ has: page.locator("dt", { hasText: new RegExp(`^${label}$`) }) })
    .locator(".stat-value");
const rowIds = () => page.locator("table.customers tbody th[scope=row]").allTextContents();
const brief = () => page.getByRole("complementary", { name: "Customer brief" });

/** The five RavenStack files with one impossible date (subscriptions line 3). */
function brokenUpload() {
  return fs
    .readdirSync(SHARED_RAVENSTACK)
    .filter((f) => f.endsWith(".csv"))
    .map((name) => {
      let text = fs.readFileSync(path.join(SHARED_RAVENSTACK, name), "utf8");
      if (name === "ravenstack_subscriptions.csv") {
        const lines = text.split("\n");
        const cells = lines[2]!.split(",");
        cells[2] = "2024-02-30"; // start_date
        lines[2] = cells.join(",");
        text = lines.join("\n");
      }
      return { name, mimeType: "text/csv", buffer: Buffer.from(text) };
    });
}

beforeAll(async () => {
  if (!fs.existsSync(path.join(WEB_DIR, "index.html"))) {
    throw new Error("web/dist is not built: run `npx vite build --config web/vite.config.ts` first");
  }
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  server = await startTestServer({ webDir: WEB_DIR, worker: false }); // no worker: the import's history backfill stays queued
  browser = await launchChromium();
  context = await browser.newContext({
    viewport: { width: 1440, height: 900 },
    acceptDownloads: true,
    permissions: ["clipboard-read", "clipboard-write"],
    locale: "en-US",
    timezoneId: "UTC",
  });
  page = await context.newPage();
  page.on("pageerror", (e) => pageErrors.push(String(e)));
  page.on("console", (m) => {
    // Refused requests (401 after a wrong key, 422 for the broken upload) are logged by Chromium itself.
    if (m.type() === "error" && !/status of (401|422)/.test(m.text())) pageErrors.push(m.text());
  });
}, 600_000); // the RavenStack import takes minutes on a loaded machine

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe("dashboard", () => {
  it("signs in from #key=, drops the fragment and shows the Executive figures", async () => {
    await page.goto(`${server.url}/#key=${server.key}`);
    await expect.poll(() => page.evaluate(() => location.hash)).toBe("#/executive");
    expect(await page.evaluate(() => localStorage.getItem("holdfast.key"))).toBe(server.key);

    await expect.poll(() => statValue("Customers").textContent()).toBe("5,000");
    expect(await statValue("Churn rate \\(label\\)").textContent()).toBe("70.6%");
    expect(await statValue("High-risk share").textContent()).toBe("0.1%");
    expect(await statValue("ARR at risk").textContent()).toMatch(/^\$[\d,]+$/);
    expect(await statValue("Total ARR").textContent()).toMatch(/^\$\d{1,3}(,\d{3})+$/);
    await expect.poll(() => page.getByText(/Usage window end: .+ \| Support window end: .+/).count()).toBe(1);

    const chart = page.getByRole("img", { name: /^Customers by risk level/ });
    expect(await chart.getAttribute("aria-label")).toContain("High: 4, Medium: 730, Low: 4,266");
    await chart.locator("svg").waitFor();
    await expect.poll(() => chart.locator("svg path").count()).toBeGreaterThan(3);
    await page.getByRole("link", { name: "Executive" }).waitFor();
    expect(await page.getByRole("link", { name: "Executive" }).getAttribute("aria-current")).toBe("page");
    await shot("executive");
  });

  it("shows the Drivers tables and charts", async () => {
    await page.getByRole("navigation", { name: "Pages" }).getByRole("link", { name: "Drivers" }).click();
    await expect.poll(() => page.evaluate(() => location.hash)).toBe("#/drivers");
    const tiers = page.getByRole("table", { name: "Average risk score by plan tier" });
    await tiers.waitFor();
    expect(await tiers.locator("tbody th").allTextContents()).toEqual(["Basic", "Enterprise", "Pro"]);
    expect(await tiers.locator("tbody tr").first().locator("td").allTextContents()).toEqual(["1,602", "8.1"]);
    const drivers = page.getByRole("img", { name: /^Customers flagged per reason/ });
    expect(await drivers.getAttribute("aria-label")).toContain("Usage drop: 783");
    const reasons = page.getByRole("table", { name: "Churn events by reason" });
    expect(await reasons.locator("tbody tr").count()).toBe(6);
    expect(await reasons.locator("tbody tr").first().textContent()).toContain("Features114");
    await drivers.locator("svg").waitFor();
    await shot("drivers");
  });

  it("lists, pages, sorts and filters the At-Risk customers", async () => {
    await page.getByRole("link", { name: "At-Risk" }).click();
    await page.locator("table.customers tbody tr").first().waitFor();
    const first = await rowIds();
    expect(first).toHaveLength(50);
    expect(await page.getByRole("columnheader", { name: /Risk score/ }).getAttribute("aria-sort")).toBe(
      "descending",
    );

    await page.getByRole("button", { name: "Next page" }).click();
    await page.getByText("Page 2").waitFor();
    await expect.poll(rowIds).not.toEqual(first);
    const second = await rowIds();
    expect(second.filter((id) => first.includes(id))).toEqual([]);
    await page.getByRole("button", { name: "Previous page" }).click();
    await page.getByText("Page 1").waitFor();
    await expect.poll(rowIds).toEqual(first);

    await page.getByLabel("Risk level").selectOption("High");
    await expect.poll(rowIds).toHaveLength(4);
    expect([...(await rowIds())].sort()).toEqual(HIGH_RISK);
    expect(await page.evaluate(() => location.hash)).toContain("risk_level=High");
    expect(await page.getByRole("button", { name: "Next page" }).isDisabled()).toBe(true);

    const idHeader = page.getByRole("columnheader", { name: /Customer/ });
    await idHeader.getByRole("button").click();
    await expect.poll(() => idHeader.getAttribute("aria-sort")).toBe("ascending");
    await expect.poll(rowIds).toEqual(HIGH_RISK);
    await idHeader.getByRole("button").click();
    await expect.poll(() => idHeader.getAttribute("aria-sort")).toBe("descending");
    await expect.poll(rowIds).toEqual([...HIGH_RISK].reverse());

    await page.getByLabel("Search").fill("no-such-customer");
    await page.getByText("No customers match these filters").waitFor();
    await page.getByLabel("Search").fill("");
    await expect.poll(rowIds).toHaveLength(4);
  });

  it("opens a brief, ticks a step, copies a draft, logs an outcome, and both persist", async () => {
    await page.locator("table.customers tbody tr", { hasText: "S-bc7cab" }).focus();
    await page.keyboard.press("Enter");
    await brief().getByRole("heading", { name: "Company_482" }).waitFor();

    await page.locator("table.customers tbody tr", { hasText: "S-be079b" }).click();
    const b = brief();
    await b.getByRole("heading", { name: "Company_293" }).waitFor();
    expect(await page.evaluate(() => location.hash)).toContain("customer=S-be079b");
    expect(await b.getByRole("region", { name: "Why at risk" }).textContent()).toContain(
      "Usage dropped 100% (30d vs prior)",
    );
    expect(await b.getByRole("region", { name: "Recommended actions" }).locator("li").count()).toBe(3);

    const step = b.getByLabel("Schedule a check-in to reset goals");
    expect(await step.isChecked()).toBe(false);
    const put = page.waitForResponse(
      (r) => r.request().method() === "PUT" && r.url().includes("/checklist/"),
    );
    await step.check();
    expect((await put).status()).toBe(200);
    await b.getByText(/done by key:browser test/).waitFor();

    await b.getByRole("button", { name: "Copy email subject" }).click();
    await b.getByText("Copied").waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(
      "Company_293: a quick check-in on your Basic plan",
    );

    const notes = "Called the champion; renewal review booked for Tuesday.";
    await b.getByLabel("Outcome", { exact: true }).selectOption({ label: "Meeting scheduled" });
    await b.getByLabel("Notes").fill(notes);
    const post = page.waitForResponse(
      (r) => r.request().method() === "POST" && r.url().endsWith("/outcomes"),
    );
    await b.getByRole("button", { name: "Log outcome" }).click();
    expect((await post).status()).toBe(201);
    await b.getByRole("list", { name: "Logged outcomes" }).getByText(notes).waitFor();

    await page.reload();
    const after = brief();
    await after.getByRole("heading", { name: "Company_293" }).waitFor();
    expect(await after.getByLabel("Schedule a check-in to reset goals").isChecked()).toBe(true);
    const logged = after.getByRole("list", { name: "Logged outcomes" }).locator("li");
    expect(await logged.count()).toBe(1);
    expect(await logged.textContent()).toContain("Meeting scheduled");
    expect(await logged.textContent()).toContain(notes);
    expect(await logged.textContent()).toContain("key:browser test");
    await expect.poll(rowIds).toHaveLength(4); // the filters survived the reload too
    await shot("at-risk");
  });

  it("exports the filtered list as CSV", async () => {
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "Export CSV" }).click(),
    ]);
    expect(download.suggestedFilename()).toBe("at-risk.csv");
    const text = fs.readFileSync((await download.path())!, "utf8");
    expect(text.startsWith(`${CSV_HEADER}\r\n`)).toBe(true);
    const lines = text.trimEnd().split("\r\n");
    expect(lines).toHaveLength(1 + HIGH_RISK.length);
    expect(lines.slice(1).map((l) => l.split(",")[0])).toEqual([...HIGH_RISK].reverse());
  });

  it("refuses a broken upload with every error line and changes nothing", async () => {
    await page.getByRole("link", { name: "Data" }).click();
    const history = page.getByRole("table", { name: /Import history/ });
    await history.waitFor();
    expect(await history.locator("tbody tr").count()).toBe(1);

    await page.getByLabel("CSV files or zip").setInputFiles(brokenUpload());
    await page.getByLabel("Grain").selectOption("subscription");
    await page.getByRole("button", { name: "Upload" }).click();
    const alert = page.getByRole("alert");
    await alert.waitFor();
    expect(await alert.textContent()).toContain("Import refused: 1 error; nothing was written");
    expect(await alert.locator("li").allTextContents()).toEqual([
      'ravenstack_subscriptions.csv:3: start_date: "2024-02-30" is not a date (expected YYYY-MM-DD)',
    ]);
    await expect.poll(() => history.locator("tbody tr").count()).toBe(2);
    expect(await history.locator("tbody tr").first().textContent()).toContain("Refused");
    await shot("data");

    await page.getByRole("link", { name: "Executive" }).click();
    await expect.poll(() => statValue("Customers").textContent()).toBe("5,000");
    expect(await statValue("Churn rate \\(label\\)").textContent()).toBe("70.6%");
  });

  it("signs out, answers a wrong key with the sign-in form and its message, and signs in again", async () => {
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.getByLabel("API key").waitFor();
    expect(await page.evaluate(() => localStorage.getItem("holdfast.key"))).toBeNull();

    await page.getByLabel("API key").fill("hf_not-a-real-key");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("alert").getByText("Unknown, revoked or expired API key").waitFor();
    expect(await page.evaluate(() => localStorage.getItem("holdfast.key"))).toBeNull();
    await shot("sign-in");

    await page.getByLabel("API key").fill(server.key);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect.poll(() => statValue("Customers").textContent()).toBe("5,000");
    expect(pageErrors).toEqual([]);
  });
});
