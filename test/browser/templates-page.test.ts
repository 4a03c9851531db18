/**
 * The Templates page (issue 12) in a real Chromium against the real service on a small demo
 * workspace: it opens from the nav, previews an action's template with a real customer's data,
 * live-previews an edit, refuses a template with an unknown variable naming it, and saves a new
 * version. Needs a built dashboard (`npm run build`). Screenshot: test-results/screenshots/.
 */
import fs from "node:fs";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TemplateList } from "../../src/contracts/templates.ts";
import { launchChromium } from "../support/browser.ts";
import { startTestServer } from "../support/test-server.ts";

const ROOT = path.resolve(import.meta.dirname, "../..");
const WEB_DIR = path.join(ROOT, "web/dist");
const SHOTS = path.join(ROOT, "test-results/screenshots");
const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);

let server: Awaited<ReturnType<typeof startTestServer>>;
let browser: Browser;
let page: Page;
const pageErrors: string[] = [];

async function api<T>(url: string): Promise<T> {
  const res = await fetch(`${server.url}${url}`, { headers: { Authorization: `Bearer ${server.key}` } });
  if (!res.ok) throw new Error(`GET ${url}: ${res.status}`);
  return (await res.json()) as T;
}

beforeAll(async () => {
  if (!fs.existsSync(path.join(WEB_DIR, "index.html")))
    throw new Error("build the dashboard first: npm run build");
  fs.mkdirSync(SHOTS, { recursive: true });
  server = await startTestServer({
    webDir: WEB_DIR,
    demo: { customers: 30, seed: 42, end: yesterday, months: 6 },
    history: false,
    worker: false,
  });
  browser = await launchChromium();
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: "en-US" });
  page = await context.newPage();
  page.on("pageerror", (e) => pageErrors.push(e.message));
  page.on("console", (m) => {
    // The refused save (400) is logged by Chromium itself.
    if (m.type() === "error" && !/status of 400/.test(m.text())) pageErrors.push(m.text());
  });
  await page.goto(`${server.url}/#key=${server.key}`);
  await page.waitForFunction(() => location.hash === "#/executive");
}, 600_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe("templates page", () => {
  it("previews with a real customer, live-previews an edit, refuses an unknown variable, saves a version", async () => {
    await page.getByRole("navigation", { name: "Pages" }).getByRole("link", { name: "Templates" }).click();
    await expect.poll(() => page.evaluate(() => location.hash)).toBe("#/templates");
    await page.getByRole("heading", { name: "Message templates", level: 1 }).waitFor();
    await page.getByLabel("Action").selectOption("check_in.contextual");
    await expect.poll(() => page.getByLabel("Customer").inputValue(), { timeout: 30_000 }).not.toBe("");
    const id = await page.getByLabel("Customer").inputValue();
    const subject = page.getByTestId("preview-subject");
    await expect.poll(() => subject.textContent(), { timeout: 30_000 }).toMatch(/^Checking in on .+/);

    await page.getByLabel("Subject").fill("Plan {{plan.tier}} for {{customer.id}}");
    await expect
      .poll(() => subject.textContent(), { timeout: 30_000 })
      .toMatch(new RegExp(`^Plan .* for ${id}$`));

    await page.getByLabel("Reason for the change").fill("try a bad variable");
    await page.getByLabel("Subject").fill("Hi {{customer.nmae}}");
    await page.getByRole("button", { name: "Save new version" }).click();
    await page.getByText("unknown variable customer.nmae").first().waitFor({ timeout: 30_000 });

    await page.getByLabel("Subject").fill("Hello {{customer.name}}");
    await page.getByLabel("Reason for the change").fill("friendlier subject");
    await page.getByRole("button", { name: "Save new version" }).click();
    await page
      .getByText("Saved version 1.")
      .waitFor({ timeout: 30_000 })
      .catch(async (e) => {
        throw new Error(`${e}\n${await page.locator("main").textContent()}`);
      });
    await page.screenshot({ path: path.join(SHOTS, "templates.png"), fullPage: true });
    const list = await api<TemplateList>("/v1/templates");
    expect(list.templates.find((t) => t.action === "check_in.contextual")).toMatchObject({
      version: 1,
      subject: "Hello {{customer.name}}",
      reason: "friendlier subject",
    });
    expect(pageErrors).toEqual([]);
  }, 180_000);
});
