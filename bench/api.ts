import { execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import autocannon from "autocannon";
import { chromium } from "playwright-core";
import { parseConfig } from "../src/core/config.ts";
import { ravenstackSourcesFromPath } from "../src/ingest/ravenstack/sources.ts";
import { createApiKey } from "../src/store/api-keys.ts";
import { closeDb, openDb } from "../src/store/open-store.ts";
import { ensureOrg, findOrg } from "../src/store/orgs.ts";
import { importRavenstack } from "../src/usecases/import-ravenstack.ts";

const CACHE = path.resolve(import.meta.dirname, "../.bench");
const SHARED = path.resolve(import.meta.dirname, "../../shared");

/** A K-times RavenStack store, imported and scored once and kept in .bench/ between runs. */
async function preparedStore(scale: number): Promise<{ file: string; key: string }> {
  const dir = path.join(CACHE, `ravenstack-x${scale}`);
  if (!fs.existsSync(path.join(dir, "ravenstack_feature_usage.csv"))) {
    execFileSync("python3", [
      path.join(SHARED, "tools/scale_ravenstack.py"),
      path.join(SHARED, "data/ravenstack"),
      dir,
      String(scale),
    ]);
  }
  const file = path.join(CACHE, `api-x${scale}.db`);
  const db = await openDb({ sqlitePath: file });
  const now = () => new Date();
  if (!(await findOrg(db, "bench"))) {
    console.log(`importing ${scale}x RavenStack into ${file} (once)...`);
    const org = await ensureOrg(db, "bench", now());
    await importRavenstack({ db, defaults: parseConfig({}), now }, org.id, ravenstackSourcesFromPath(dir), {
      grain: "subscription",
      source: dir,
      actor: "bench",
    });
  }
  const org = (await findOrg(db, "bench"))!;
  const { key } = await createApiKey(db, org.id, { role: "viewer", name: "bench", now: now() });
  await closeDb(db);
  return { file, key };
}

async function load(url: string, key: string, title: string) {
  const r = await autocannon({
    url,
    connections: 50,
    duration: 10,
    headers: { authorization: `Bearer ${key}` },
  });
  const ok = r.non2xx === 0 && r.errors === 0;
  return `| ${title} | ${r.latency.p50} | ${r.latency.p97_5 ?? "-"} | ${r.latency.p99} | ${Math.round(r.requests.average)} | ${ok ? "all 2xx" : `${r.non2xx} non-2xx, ${r.errors} errors`} |`;
}

/** Time from navigation to the first At-Risk row painted, in headless Chromium (cold, then warm). */
async function firstRender(base: string, key: string): Promise<string> {
  const browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.addInitScript((k) => localStorage.setItem("holdfast.key", k), key);
    const times: number[] = [];
    for (let i = 0; i < 6; i++) {
      await page.goto("about:blank");
      const t0 = performance.now();
      await page.goto(`${base}/#/at-risk`);
      await page.locator("tbody tr").first().waitFor();
      times.push(performance.now() - t0);
    }
    const [cold, ...warm] = times;
    warm.sort((a, b) => a - b);
    return [
      "| At-Risk page in headless Chromium (navigation to first row painted) | ms |",
      "|---|---|",
      `| first load (cold cache) | ${cold!.toFixed(0)} |`,
      `| later loads, median of 5 | ${warm[2]!.toFixed(0)} |`,
    ].join("\n");
  } finally {
    await browser.close();
  }
}

export async function apiBench(scale: number): Promise<void> {
  const { file, key } = await preparedStore(scale);
  const child = spawn(process.execPath, [path.join(import.meta.dirname, "api-server-child.ts"), file], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  try {
    const base = await new Promise<string>((resolve, reject) => {
      child.stdout.on("data", (d: Buffer) => resolve(d.toString().trim()));
      child.on("exit", (c) => reject(new Error(`server exited ${c}`)));
    });
    const get = async (q: string) =>
      (
        await fetch(`${base}/v1/customers?${q}`, { headers: { authorization: `Bearer ${key}` } })
      ).json() as Promise<{
        next_cursor: string;
      }>;
    // A deep page: 200 pages of 50 into the Medium list (rows 10,001-10,050).
    let cursor = "";
    for (let i = 0; i < 200; i++)
      cursor = (await get(`risk_level=Medium&sort=-risk_score&limit=50${cursor ? `&cursor=${cursor}` : ""}`))
        .next_cursor;
    const rows = [
      "| request (50 connections, 10 s, autocannon in this process; server in another) | p50 ms | p97.5 ms | p99 ms | req/s | answers |",
      "|---|---|---|---|---|---|",
      await load(`${base}/v1/customers?sort=-risk_score&limit=50`, key, "first page, riskiest first"),
      await load(
        `${base}/v1/customers?risk_level=Medium&plan_tier=Enterprise&sort=-risk_score&limit=50`,
        key,
        "filtered (Medium, Enterprise), sorted, first page",
      ),
      await load(
        `${base}/v1/customers?risk_level=Medium&sort=-risk_score&limit=50&cursor=${cursor}`,
        key,
        "filtered, sorted, page 201 (rows 10,001-10,050)",
      ),
      await load(`${base}/v1/customers?min_arr=20000&sort=-arr&limit=50`, key, "min ARR, sorted by ARR"),
      await load(`${base}/v1/reports/executive`, key, "executive report"),
    ];
    console.log(
      `api at ${scale}x (${(scale * 5000).toLocaleString("en-US")} customers), SQLite\n${rows.join("\n")}`,
    );
    console.log(`\n${await firstRender(base, key)}`);
  } finally {
    child.kill();
  }
}
