import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Command } from "commander";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { registerRenewals } from "../src/cli/commands/renewals.ts";
import { registerReport } from "../src/cli/commands/report.ts";
import { registerReportRetention } from "../src/cli/commands/report-retention.ts";
import { RETENTION_FIXTURE } from "../src/core/report/revenue-retention.fixture.ts";
import { closeDb, openDb } from "../src/store/open-store.ts";
import { ensureOrg } from "../src/store/orgs.ts";
import { RENEWALS_AS_OF, writeBook, writeRenewalsFixture } from "./support/renewals-fixture.ts";

/** The commands as main.ts registers them, run in process; what they print, as one string. */
async function run(...args: string[]): Promise<string> {
  const program = new Command("holdfast").exitOverride();
  for (const register of [registerReport, registerReportRetention, registerRenewals]) register(program);
  const out: string[] = [];
  const spy = vi.spyOn(console, "log").mockImplementation((...a: unknown[]) => {
    out.push(a.join(" "));
  });
  try {
    await program.parseAsync(args, { from: "user" });
  } finally {
    spy.mockRestore();
  }
  return out.join("\n");
}

describe("holdfast report retention and holdfast renewals", () => {
  let dir: string;
  let retentionDb: string;
  let renewalsDb: string;
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "holdfast-cli-renewals-"));
    retentionDb = path.join(dir, "retention.db");
    renewalsDb = path.join(dir, "renewals.db");
    const a = await openDb({ sqlitePath: retentionDb });
    const orgA = await ensureOrg(a, "book", new Date("2025-03-10T00:00:00Z"));
    await writeBook(
      a,
      orgA.id,
      [...new Set(RETENTION_FIXTURE.map((x) => x.customerId))].map((id) => ({ id })),
      RETENTION_FIXTURE.map((x, i) => ({
        id: `sub-${i}`,
        customer_id: x.customerId,
        start_date: x.startDate,
        end_date: x.endDate,
        mrr: x.mrr,
      })),
    );
    await closeDb(a);
    const b = await openDb({ sqlitePath: renewalsDb });
    await writeRenewalsFixture(b, (await ensureOrg(b, "book", new Date("2025-03-10T00:00:00Z"))).id);
    await closeDb(b);
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("report retention reads report's options (--json, --db, --as-of) wherever they stand", async () => {
    const r = JSON.parse(
      await run(
        "report",
        "retention",
        "--json",
        "--db",
        retentionDb,
        "--as-of",
        "2025-03-10",
        "--months",
        "2",
      ),
    );
    expect(r.months.map((m: { month: string; churned_mrr: number }) => [m.month, m.churned_mrr])).toEqual([
      ["2025-02", 150],
      ["2025-03", 0],
    ]);
    const text = await run(
      "report",
      "--db",
      retentionDb,
      "retention",
      "--as-of",
      "2025-03-10",
      "--months",
      "2",
    );
    expect(text).toMatch(/2025-02 .*83\.3%.*94\.4%.*25\.0%/);
  });

  it("report without the subcommand still runs its own action", async () => {
    await expect(run("report", "--db", retentionDb, "--json")).rejects.toThrow(/no usage or ticket data/);
  });

  it("renewals lists the fixture's subscriptions due within 30 days", async () => {
    const r = JSON.parse(await run("renewals", "--db", renewalsDb, "--json", "--include-monthly"));
    expect(r.as_of).toBe(RENEWALS_AS_OF);
    expect(r.items.map((x: { subscription_id: string }) => x.subscription_id)).toEqual([
      "S10",
      "S9",
      "S1",
      "S2",
    ]);
    await expect(run("renewals", "--db", renewalsDb, "--within", "45")).rejects.toThrow(/within/);
  });
});
