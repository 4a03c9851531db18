import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, expect, it } from "vitest";
import { writeEventsWorkspace } from "../src/demo/workspace/write-workspace.ts";
import { closeDb, openDb } from "../src/store/open-store.ts";
import { findOrg } from "../src/store/orgs.ts";
import { validRavenstack, writeDir } from "./support/ravenstack-fixture.ts";
import { zerosZip } from "./support/zip-bomb.ts";

// Issue 10: a refused import into a new org leaves no empty org behind.
const run = promisify(execFile);
const MAIN = path.resolve(import.meta.dirname, "../src/cli/main.ts");
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "holdfast-cli-org-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

async function holdfast(...args: string[]) {
  try {
    const { stdout, stderr } = await run(process.execPath, [MAIN, ...args], {
      env: { ...process.env, DATABASE_URL: "" },
    });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

it("holdfast import ravenstack --org new with a broken file creates no org; a good one creates it", async () => {
  const db = path.join(tmp, "org.db");
  const broken = validRavenstack();
  broken["ravenstack_subscriptions.csv"] = broken["ravenstack_subscriptions.csv"]!.replace(
    "2024-03-01",
    "2024-03-99",
  );
  const refused = await holdfast("import", "ravenstack", writeDir(broken), "--db", db, "--org", "brand-new");
  expect(refused.code).toBe(1);
  expect(refused.stderr).toMatch(/Import refused: 1 error; nothing was written/);
  const store = await openDb({ sqlitePath: db });
  try {
    expect(await findOrg(store, "brand-new")).toBeUndefined();
    const ok = await holdfast(
      "import",
      "ravenstack",
      writeDir(validRavenstack()),
      "--db",
      db,
      "--org",
      "brand-new",
      "--no-score",
    );
    expect(ok.stderr).toBe("");
    expect(ok.code).toBe(0);
    expect(await findOrg(store, "brand-new")).toMatchObject({ slug: "brand-new" });
  } finally {
    await closeDb(store);
  }
}, 60_000);

it("holdfast import ravenstack bomb.zip is refused at the ratio limit and creates nothing", async () => {
  const db = path.join(tmp, "bomb.db");
  const zip = path.join(writeDir({ "bomb.zip": zerosZip(200) }), "bomb.zip");
  const res = await holdfast("import", "ravenstack", zip, "--db", db, "--org", "bombed");
  expect(res.code).toBe(1);
  expect(res.stderr).toMatch(/bomb\.zip: ravenstack_accounts\.csv expands more than 200 times/);
  expect(res.stderr).toMatch(/limit: ratio 200/);
  expect(fs.existsSync(db)).toBe(false);
}, 60_000);

it("holdfast import tickets --org new refuses (tickets link to an org's customers) and creates no org", async () => {
  const db = path.join(tmp, "tickets.db");
  const csv = path.join(
    writeDir({ "t.csv": "id,customer_id,subject,body\nT1,C1,Login fails,Cannot sign in\n" }),
    "t.csv",
  );
  const res = await holdfast("import", "tickets", csv, "--db", db, "--org", "no-such-org");
  expect(res.code).toBe(1);
  expect(res.stderr).toMatch(/No org "no-such-org": tickets link to an org's customers/);
  expect(res.stderr).toMatch(/nothing was written/);
  const store = await openDb({ sqlitePath: db });
  try {
    expect(await findOrg(store, "no-such-org")).toBeUndefined();
  } finally {
    await closeDb(store);
  }
}, 60_000);

it("holdfast import events --org new with a bad line creates no org; a good folder creates it", async () => {
  const db = path.join(tmp, "events.db");
  const ws = path.join(tmp, "events-ws");
  await writeEventsWorkspace(ws, { customers: 3, seed: 5, end: "2026-06-30", months: 2 });
  const file = path.join(ws, "events.ndjson");
  const good = fs.readFileSync(file, "utf8");
  fs.writeFileSync(file, good.replace(/\n/, "\n{oops\n"));
  const refused = await holdfast(
    "import",
    "events",
    ws,
    "--db",
    db,
    "--org",
    "fresh",
    "--as-of",
    "2026-06-30",
  );
  expect(refused.code).toBe(1);
  expect(refused.stderr).toMatch(/events\.ndjson:2: \(event\): not valid JSON/);
  const store = await openDb({ sqlitePath: db });
  try {
    expect(await findOrg(store, "fresh")).toBeUndefined();
    fs.writeFileSync(file, good);
    const ok = await holdfast("import", "events", ws, "--db", db, "--org", "fresh", "--as-of", "2026-06-30");
    expect(ok.code).toBe(0);
    expect(await findOrg(store, "fresh")).toMatchObject({ slug: "fresh" });
  } finally {
    await closeDb(store);
  }
}, 120_000);
