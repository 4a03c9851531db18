import fs from "node:fs";
import path from "node:path";
import { zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { validRavenstack, writeDir } from "../../test/support/ravenstack-fixture.ts";
import { describeStores, RAVENSTACK_DIR, type StoreCase } from "../../test/support/stores.ts";
import { testContext } from "../../test/support/test-context.ts";
import { HoldfastError } from "../core/errors.ts";
import { ravenstackSourcesFromPath } from "../ingest/ravenstack/sources.ts";
import { listImports } from "../store/imports.ts";
import { countOrgData, type Org } from "../store/orgs.ts";
import { type Grain, importRavenstack } from "./import-ravenstack.ts";

const clock = () => new Date("2026-01-01T00:00:00Z");
// The import itself: the refresh after it has its own tests (API and CLI).
const opts = (grain: Grain = "subscription") => ({ grain, source: "test", actor: "test", refresh: false });
const ctx = (s: StoreCase) => testContext(s.db(), clock);

type Files = Record<string, string | Uint8Array>;
const edit = (f: (files: Files) => void): Files => {
  const files: Files = validRavenstack();
  f(files);
  return files;
};
const replaceIn = (files: Files, name: string, from: string, to: string) => {
  const text = files[name] as string;
  if (!text.includes(from)) throw new Error(`fixture has no ${from}`);
  files[name] = text.replace(from, to);
};

async function importDir(s: StoreCase, org: Org, dir: string, grain: Grain = "subscription") {
  return importRavenstack(ctx(s), org.id, ravenstackSourcesFromPath(dir), opts(grain));
}

/** Runs an import expected to be refused; returns its error lines after checking nothing was written. */
async function refused(s: StoreCase, files: Files): Promise<string[]> {
  const org = await s.freshOrg();
  const dir = writeDir(files);
  let err: unknown;
  try {
    await importDir(s, org, dir);
  } catch (e) {
    err = e;
  }
  expect(err).toBeInstanceOf(HoldfastError);
  const counts = await countOrgData(s.db(), org.id);
  expect(Object.values(counts).every((n) => n === 0)).toBe(true);
  return [(err as HoldfastError).message, ...(err as HoldfastError).details];
}

describeStores("RavenStack import", (s) => {
  describe("refuses bad input, names file:line: column: reason, and writes nothing", () => {
    it("missing file", async () => {
      const org = await s.freshOrg();
      const dir = writeDir(edit((f) => delete f["ravenstack_churn_events.csv"]));
      await expect(importDir(s, org, dir)).rejects.toMatchObject({
        details: [`${dir}: missing ravenstack_churn_events.csv`],
      });
      expect(Object.values(await countOrgData(s.db(), org.id)).every((n) => n === 0)).toBe(true);
    });
    it("missing column", async () => {
      const lines = await refused(
        s,
        edit((f) => {
          f["ravenstack_subscriptions.csv"] = (f["ravenstack_subscriptions.csv"] as string)
            .split("\n")
            .map((l) => l.split(",").slice(0, 7).concat(l.split(",").slice(8)).join(","))
            .join("\n");
        }),
      );
      expect(lines).toContain(
        "ravenstack_subscriptions.csv:1: arr_amount: missing column (the header has: subscription_id, account_id, start_date, end_date, plan_tier, seats, mrr_amount, is_trial, upgrade_flag, downgrade_flag, churn_flag, billing_frequency, auto_renew_flag)",
      );
    });
    it("renamed column", async () => {
      const lines = await refused(
        s,
        edit((f) => replaceIn(f, "ravenstack_accounts.csv", "account_name", "acct_name")),
      );
      expect(lines[1]).toMatch(
        /^ravenstack_accounts\.csv:1: account_name: missing column \(the header has: account_id, acct_name,/,
      );
    });
    it("bad date", async () => {
      const lines = await refused(
        s,
        edit((f) => replaceIn(f, "ravenstack_subscriptions.csv", "S-2,A-2,2024-02-11", "S-2,A-2,2024-02-30")),
      );
      expect(lines).toContain(
        'ravenstack_subscriptions.csv:3: start_date: "2024-02-30" is not a date (expected YYYY-MM-DD)',
      );
    });
    it("bad number", async () => {
      const lines = await refused(
        s,
        edit((f) => replaceIn(f, "ravenstack_subscriptions.csv", ",3000,36000,", ",3000,36k,")),
      );
      expect(lines).toContain('ravenstack_subscriptions.csv:4: arr_amount: "36k" is not a number');
    });
    it("bad boolean", async () => {
      const lines = await refused(
        s,
        edit((f) => replaceIn(f, "ravenstack_accounts.csv", "partner,Pro,9,False", "partner,Pro,9,yes")),
      );
      expect(lines).toContain(
        'ravenstack_accounts.csv:2: is_trial: "yes" is not a boolean (expected True/False, true/false or 1/0)',
      );
    });
    it("duplicate primary key", async () => {
      const lines = await refused(
        s,
        edit((f) => {
          f["ravenstack_accounts.csv"] += "\nA-1,Company_1b,EdTech,US,2024-01-10,partner,Pro,9,False,False";
        }),
      );
      expect(lines).toContain('ravenstack_accounts.csv:4: account_id: duplicate id "A-1" (first on line 2)');
    });
    it("the same usage_id twice for one subscription, day and feature", async () => {
      const lines = await refused(
        s,
        edit((f) => {
          f["ravenstack_feature_usage.csv"] += "\nU-1,S-1,2024-12-30,feature_1,3,100,0,False";
        }),
      );
      expect(lines).toContain(
        'ravenstack_feature_usage.csv:6: usage_id: duplicate id "U-1" for the same subscription, day and feature (first on line 2)',
      );
    });
    it("foreign key to nothing", async () => {
      const lines = await refused(
        s,
        edit((f) => replaceIn(f, "ravenstack_support_tickets.csv", "T-2,A-2", "T-2,A-9")),
      );
      expect(lines).toContain(
        'ravenstack_support_tickets.csv:3: account_id: "A-9" is not in ravenstack_accounts.csv',
      );
    });
    it("empty file", async () => {
      const lines = await refused(
        s,
        edit((f) => (f["ravenstack_support_tickets.csv"] = "")),
      );
      expect(lines).toContain("ravenstack_support_tickets.csv:1: file is empty (no header row)");
    });
    it("non-UTF-8 bytes", async () => {
      const lines = await refused(
        s,
        edit((f) => {
          const text = (f["ravenstack_accounts.csv"] as string).replace("Company_2", "Soci\u0000t\u0000");
          const bytes = Buffer.from(text, "latin1");
          bytes[bytes.indexOf(0)] = 0xe9; // a Latin-1 é, as a spreadsheet export might write it
          f["ravenstack_accounts.csv"] =
            bytes.subarray(0, bytes.lastIndexOf(0)).toString("latin1") === "" ? bytes : bytes;
        }),
      );
      expect(lines.some((l) => /^ravenstack_accounts\.csv:3: not valid UTF-8 \(byte 0xE9\)/.test(l))).toBe(
        true,
      );
    });
    it("null bytes", async () => {
      const lines = await refused(
        s,
        edit((f) => replaceIn(f, "ravenstack_support_tickets.csv", "T-2,A-2", "T-2\u0000,A-2")),
      );
      expect(lines).toContain("ravenstack_support_tickets.csv:3: contains a NUL byte; remove it and retry");
    });
    it("a row with the wrong number of fields", async () => {
      const lines = await refused(
        s,
        edit((f) => replaceIn(f, "ravenstack_accounts.csv", "partner,Pro,9,", "partner,9,")),
      );
      expect(lines).toContain("ravenstack_accounts.csv:2: expected 10 fields, found 9");
    });
    it("a quoted field that never closes", async () => {
      const lines = await refused(
        s,
        edit((f) => replaceIn(f, "ravenstack_churn_events.csv", "too expensive", '"too expensive')),
      );
      expect(lines).toContain("ravenstack_churn_events.csv:2: a quoted field is never closed");
    });
    it("lists the first 100 errors, then a count", async () => {
      const lines = await refused(
        s,
        edit((f) => {
          for (let i = 0; i < 150; i++)
            f["ravenstack_feature_usage.csv"] += `\nU-x${i},S-1,2024-12-3x,feature_1,1,1,0,False`;
        }),
      );
      expect(lines[0]).toBe("Import refused: 150 errors; nothing was written");
      expect(lines).toHaveLength(1 + 100 + 1);
      expect(lines.at(-1)).toBe("... and 50 more errors");
    });
    it("records the refused import in the history", async () => {
      const org = await s.freshOrg();
      const dir = writeDir(
        edit((f) => replaceIn(f, "ravenstack_accounts.csv", "partner,Pro,9,False", "partner,Pro,9,yes")),
      );
      await expect(importDir(s, org, dir)).rejects.toBeInstanceOf(HoldfastError);
      const [h] = await listImports(s.db(), org.id);
      expect(h).toMatchObject({ status: "refused", error_count: 1 });
      const audit = await s
        .db()
        .kysely.selectFrom("audit_log")
        .select(["action", "subject"])
        .where("org_id", "=", org.id)
        .execute();
      expect(audit).toEqual([{ action: "import.ravenstack.refused", subject: `import:${h!.id}` }]);
    });
  });

  describe("accepts real-world CSV shapes", () => {
    it("header only, quoted commas and line breaks, CRLF and a BOM", async () => {
      const org = await s.freshOrg();
      const files = edit((f) => {
        f["ravenstack_support_tickets.csv"] =
          `${(f["ravenstack_support_tickets.csv"] as string).split("\n")[0]}\n`;
        replaceIn(
          f,
          "ravenstack_churn_events.csv",
          "too expensive",
          '"too expensive, and\nthe ""support"" was slow"',
        );
        for (const k of Object.keys(f)) f[k] = (f[k] as string).replaceAll("\n", "\r\n");
        f["ravenstack_accounts.csv"] = `\uFEFF${f["ravenstack_accounts.csv"]}`;
      });
      const summary = await importDir(s, org, writeDir(files));
      expect(summary.rowsRead).toEqual({
        accounts: 2,
        subscriptions: 3,
        churn_events: 1,
        support_tickets: 0,
        feature_usage: 4,
      });
      const ev = await s
        .db()
        .kysely.selectFrom("churn_events")
        .select("feedback")
        .where("org_id", "=", org.id)
        .executeTakeFirstOrThrow();
      expect(ev.feedback).toBe('too expensive, and\nthe "support" was slow');
    });
    it("reports the right line after a field that spans lines", async () => {
      const lines = await refused(
        s,
        edit((f) => {
          replaceIn(f, "ravenstack_churn_events.csv", "too expensive", '"too\nexpensive"');
          f["ravenstack_churn_events.csv"] += "\nC-2,A-1,2024-12-32,pricing,0,False,False,False,";
        }),
      );
      expect(lines).toContain(
        'ravenstack_churn_events.csv:4: churn_date: "2024-12-32" is not a date (expected YYYY-MM-DD)',
      );
    });
    it("reads a zip of the five files", async () => {
      const org = await s.freshOrg();
      const zipped = zipSync(
        Object.fromEntries(
          Object.entries(validRavenstack()).map(([k, v]) => [`export/${k}`, new TextEncoder().encode(v)]),
        ),
      );
      const dir = writeDir({ "ravenstack.zip": zipped });
      const summary = await importRavenstack(
        ctx(s),
        org.id,
        ravenstackSourcesFromPath(path.join(dir, "ravenstack.zip")),
        opts(),
      );
      expect(summary.customers).toBe(3);
    });
  });

  it("re-importing identical data changes nothing", async () => {
    const org = await s.freshOrg();
    const dir = writeDir(validRavenstack());
    const first = await importDir(s, org, dir);
    expect(first.status).toBe("imported");
    const snapshot = async () =>
      Promise.all(
        (["customers", "subscriptions", "usage_daily", "tickets", "churn_events", "accounts"] as const).map(
          (t) =>
            s.db().kysely.selectFrom(t).selectAll().where("org_id", "=", org.id).orderBy("org_id").execute(),
        ),
      );
    const before = await snapshot();
    const second = await importDir(s, org, dir);
    expect(second.status).toBe("unchanged");
    expect(Object.values(second.written).every((n) => n === 0)).toBe(true);
    expect(await snapshot()).toEqual(before);
    // A changed value is written, and only that row.
    fs.writeFileSync(
      path.join(dir, "ravenstack_accounts.csv"),
      (validRavenstack()["ravenstack_accounts.csv"] as string).replace("Company_1,", "Company One,"),
    );
    const third = await importDir(s, org, dir);
    expect(third.written).toMatchObject({ accounts: 1, customers: 2, subscriptions: 0, usage_daily: 0 });
  });

  it("subscription grain: one customer per subscription, account fields joined", async () => {
    const org = await s.freshOrg();
    await importDir(s, org, writeDir(validRavenstack()));
    const rows = await s
      .db()
      .kysely.selectFrom("customers")
      .selectAll()
      .where("org_id", "=", org.id)
      .orderBy("id")
      .execute();
    expect(rows.map((r) => [r.id, r.account_id, r.account_name, r.plan_tier, r.arr])).toEqual([
      ["S-1", "A-1", "Company_1", "Pro", 12000],
      ["S-2", "A-2", "Company_2", "Basic", 1200],
      ["S-3", "A-1", "Company_1", "Enterprise", 36000],
    ]);
  });

  it("account grain: one customer per account, ARR of its active subscriptions, usage summed", async () => {
    const org = await s.freshOrg();
    await importDir(s, org, writeDir(validRavenstack()), "account");
    const rows = await s
      .db()
      .kysely.selectFrom("customers")
      .selectAll()
      .where("org_id", "=", org.id)
      .orderBy("id")
      .execute();
    expect(rows.map((r) => [r.id, r.plan_tier, r.arr, r.is_trial])).toEqual([
      ["A-1", "Pro", 48000, 0],
      ["A-2", "Basic", 0, 1],
    ]);
    const usage = await s
      .db()
      .kysely.selectFrom("usage_daily")
      .selectAll()
      .where("org_id", "=", org.id)
      .execute();
    expect(
      usage
        .filter((u) => u.customer_id === "A-1")
        .map((u) => u.uses)
        .sort(),
    ).toEqual([10, 20, 5]);
  });

  it("imports the shared RavenStack data, keeping its reused usage ids as the seed does", async () => {
    const org = await s.freshOrg();
    const summary = await importRavenstack(ctx(s), org.id, ravenstackSourcesFromPath(RAVENSTACK_DIR), opts());
    expect(summary.rowsRead).toEqual({
      accounts: 500,
      subscriptions: 5000,
      churn_events: 600,
      support_tickets: 2000,
      feature_usage: 25000,
    });
    const counts = await countOrgData(s.db(), org.id);
    expect(counts).toMatchObject({ customers: 5000, usage_daily: 24997, tickets: 2000 });
  });
});
