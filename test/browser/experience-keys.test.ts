/**
 * The "In-app experiences" panel of Settings in a real Chromium against the real service (empty
 * org "acme", admin key): the publishable key is shown with a copy button, the identity secret
 * only the first time and after a rotation (confirmed), and the API then refuses tokens signed
 * with the old secret. Needs a built dashboard (`npm run build`). Screenshot:
 * test-artifacts/experience-keys.png.
 */
import fs from "node:fs";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signIdentity } from "../../src/core/experiences/identity.ts";
import { launchChromium } from "../support/browser.ts";
import { startTestServer } from "../support/test-server.ts";

const ROOT = path.resolve(import.meta.dirname, "../..");
const ARTIFACTS = path.join(ROOT, "test-artifacts");

let server: Awaited<ReturnType<typeof startTestServer>>;
let browser: Browser;
let page: Page;
const pageErrors: string[] = [];

beforeAll(async () => {
  if (!fs.existsSync(path.join(ROOT, "web/dist/index.html"))) throw new Error("run `npm run build` first");
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  server = await startTestServer({ ravenstack: false, worker: false });
  browser = await launchChromium();
  page = await (
    await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "en-US" })
  ).newPage();
  page.on("pageerror", (e) => pageErrors.push(String(e)));
  page.on("dialog", (d) => void d.accept());
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe("in-app keys in Settings", () => {
  it("shows the publishable key, the secret once, and rotates the secret", async () => {
    await page.goto(`${server.url}/#key=${server.key}`);
    await page.goto(`${server.url}/#/settings`);
    const panel = page.getByRole("region", { name: "In-app experiences" });
    await panel.waitFor({ timeout: 30_000 });
    const pk = (await panel.locator("dd code").textContent())!;
    expect(pk).toMatch(/^pk_/);
    const secretBox = panel.getByLabel("Identity secret", { exact: true });
    const first = await secretBox.inputValue();
    expect(first).toMatch(/^ids_/);
    expect(await panel.getByRole("button", { name: "Copy the publishable key" }).count()).toBe(1);

    // A reload: the secret is hidden from now on.
    await page.reload();
    await panel.waitFor();
    await expect.poll(() => panel.textContent()).toMatch(/\(hidden\)/);
    expect(await panel.getByLabel("Identity secret", { exact: true }).count()).toBe(0);

    await panel.getByRole("button", { name: "Rotate identity secret" }).click();
    await expect.poll(() => panel.getByLabel("Identity secret", { exact: true }).count()).toBe(1);
    const rotated = await panel.getByLabel("Identity secret", { exact: true }).inputValue();
    expect(rotated).toMatch(/^ids_/);
    expect(rotated).not.toBe(first);
    await page.screenshot({ path: path.join(ARTIFACTS, "experience-keys.png"), fullPage: true });

    const exp = Math.floor(Date.now() / 1000) + 600;
    const ask = (secret: string) =>
      fetch(`${server.url}/v1/experiences?moment=session_start`, {
        headers: { "Holdfast-Publishable-Key": pk, "Holdfast-Identity": signIdentity(secret, "c1", exp) },
      });
    expect((await ask(first)).status).toBe(401);
    expect((await ask(rotated)).status).toBe(200);
    expect(pageErrors).toEqual([]);
  });
});
