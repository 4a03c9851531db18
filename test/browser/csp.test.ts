/**
 * The Content-Security-Policy in a real Chromium: every dashboard page (with the shared RavenStack
 * data, charts drawn, a chart tooltip shown) and the API docs at /docs load and run without one
 * CSP violation. Needs a built dashboard: `npm run build`.
 */
import fs from "node:fs";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium } from "../support/browser.ts";
import { startTestServer } from "../support/test-server.ts";

const WEB_DIR = path.resolve(import.meta.dirname, "../../web/dist");

let server: Awaited<ReturnType<typeof startTestServer>>;
let browser: Browser;
let page: Page;
const violations: string[] = [];

/** The violations the page reported since it loaded (securitypolicyviolation events). */
const reported = () => page.evaluate(() => (window as unknown as { __csp: string[] }).__csp ?? []);

beforeAll(async () => {
  if (!fs.existsSync(path.join(WEB_DIR, "index.html")))
    throw new Error("web/dist is not built: run `npm run build`");
  server = await startTestServer({ webDir: WEB_DIR, worker: false });
  browser = await launchChromium();
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.addInitScript(() => {
    const w = window as unknown as { __csp: string[] };
    w.__csp = [];
    document.addEventListener("securitypolicyviolation", (e) =>
      w.__csp.push(
        `${e.violatedDirective} blocked ${e.blockedURI || "inline"} (${e.sourceFile}:${e.lineNumber})`,
      ),
    );
  });
  page = await context.newPage();
  page.on("console", (m) => {
    if (/Content Security Policy|Refused to/i.test(m.text())) violations.push(m.text());
  });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe("Content-Security-Policy in Chromium", () => {
  it("the answers carry the policy", async () => {
    const res = await page.goto(`${server.url}/`);
    const csp = (await res!.allHeaders())["content-security-policy"];
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("script-src 'self'");
  });

  it("every dashboard page runs with no violation", async () => {
    await page.goto(`${server.url}/#key=${server.key}`);
    for (const id of ["executive", "drivers", "at-risk", "tickets", "data", "settings"]) {
      await page.evaluate((h) => {
        location.hash = h;
      }, `#/${id}`);
      await page.locator("h1").first().waitFor();
      await page.waitForLoadState("networkidle");
      await page.waitForTimeout(300);
    }
    // One customer's page, and a chart's tooltip (drawn as HTML by ECharts).
    await page.evaluate(() => {
      location.hash = "#/customers/S-2940a5";
    });
    await page.locator("h1").first().waitFor();
    await page.waitForLoadState("networkidle");
    const chart = page.locator("main svg").first();
    if ((await chart.count()) > 0) {
      const box = await chart.boundingBox();
      if (box) await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
      await page.waitForTimeout(300);
    }
    expect(await reported()).toEqual([]);
    expect(violations).toEqual([]);
  });

  it("the API docs at /docs run with no violation", async () => {
    await page.goto(`${server.url}/docs`);
    await page.locator(".swagger-ui .info .title").waitFor();
    await page.locator(".opblock").first().click();
    await page.waitForTimeout(500);
    expect(await reported()).toEqual([]);
    expect(violations).toEqual([]);
  });
});
