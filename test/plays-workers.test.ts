import { spawn } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDb, type Db, openDb } from "../src/store/open-store.ts";
import { ensureOrg } from "../src/store/orgs.ts";
import { listOutbox } from "../src/store/plays/outbox.ts";
import { q } from "../src/store/plays/tables.ts";
import { insertScoreChanges } from "../src/store/score-changes.ts";

/**
 * Three `holdfast plays tick` processes on one PostgreSQL database tick the same org at the same
 * as-of time at once: every effect reaches the outbox exactly once (keys insert-or-ignore, runs
 * named by their trigger), and every process succeeds.
 */
const MAIN = path.resolve(import.meta.dirname, "../src/cli/main.ts");
const pgUrl = process.env.DATABASE_URL;
const AS_OF = "2026-06-01T15:00:00.000Z";
const N = 1_000;

function tick(org: string): Promise<{ code: number | null; out: string }> {
  const child = spawn(process.execPath, [MAIN, "plays", "tick", "--org", org, "--as-of", AS_OF, "--json"], {
    env: { ...process.env, DATABASE_URL: pgUrl },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout.on("data", (d) => {
    out += d;
  });
  child.stderr.on("data", (d) => {
    out += d;
  });
  return new Promise((resolve) => child.once("exit", (code) => resolve({ code, out })));
}

describe.skipIf(!pgUrl)("plays tick processes [postgres]", () => {
  let db: Db;
  beforeAll(async () => {
    db = await openDb({ databaseUrl: pgUrl });
  });
  afterAll(async () => closeDb(db));

  it("three processes ticking one org write each outbox row exactly once", async () => {
    const org = await ensureOrg(db, `pw-${process.pid}-${Date.now().toString(36)}`, new Date(AS_OF));
    const changes = [];
    const customers = [];
    for (let i = 0; i < N; i++) {
      const id = `c${String(i).padStart(4, "0")}`;
      customers.push({
        org_id: org.id,
        id,
        ordinal: i + 1,
        account_id: id,
        is_trial: 0,
        arr: 5_000 + i,
        mrr: (5_000 + i) / 12,
        owner: "ana",
        status: "active",
      });
      // Half go high (an in-app step), half critical (a CSM task and a Slack alert at once).
      const critical = i % 2 === 1;
      changes.push({
        customerId: id,
        kind: "churn_risk" as const,
        oldScore: 40,
        newScore: critical ? 80 : 60,
        oldLevel: "medium",
        newLevel: critical ? "critical" : "high",
        crossed: null,
      });
    }
    for (let i = 0; i < N; i += 500)
      await db.kysely
        .insertInto("customers")
        .values(customers.slice(i, i + 500))
        .execute();
    await insertScoreChanges(db, org.id, changes, { cause: "test", configVersion: 0, at: AS_OF });
    const results = await Promise.all([tick(org.slug), tick(org.slug), tick(org.slug)]);
    for (const r of results) expect(r.code, r.out.slice(-2000)).toBe(0);
    const rows = await listOutbox(db, org.id, 10_000);
    expect(new Set(rows.map((r) => r.idempotency_key)).size).toBe(rows.length);
    // high: in_app; critical: csm_task + slack.
    expect(rows.filter((r) => r.channel === "in_app")).toHaveLength(N / 2);
    expect(rows.filter((r) => r.channel === "csm_task")).toHaveLength(N / 2);
    expect(rows.filter((r) => r.channel === "slack")).toHaveLength(N / 2);
    const written = results.map((r) => (JSON.parse(r.out) as { written: { outbox: number } }).written.outbox);
    expect(written.reduce((a, b) => a + b, 0)).toBe(rows.length);
    const read = results.map((r) => (JSON.parse(r.out) as { changes: number }).changes);
    console.log(
      `per process: outbox rows written ${written.join(", ")}; score changes read ${read.join(", ")}`,
    );
    const tasks = await q(db)
      .selectFrom("csm_tasks")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("org_id", "=", org.id)
      .executeTakeFirstOrThrow();
    expect(Number(tasks.n)).toBe(N / 2);
  }, 120_000);
});
