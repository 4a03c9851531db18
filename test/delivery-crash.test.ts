import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "kysely";
import { afterAll, describe, expect, it } from "vitest";
import { messageIdFor } from "../src/core/delivery/message-id.ts";
import { queueDispatch } from "../src/store/delivery/dispatch-jobs.ts";
import { closeDb, type Db, openDb } from "../src/store/open-store.ts";
import { ensureOrg } from "../src/store/orgs.ts";
import { insertOutbox } from "../src/store/plays/outbox.ts";
import { q } from "../src/store/plays/tables.ts";
import { startSmtpSink } from "./support/smtp-sink.ts";

/**
 * The email guarantee (docs/delivery.md, "Email guarantee"), with real processes: 1,000 pending
 * email rows, a `holdfast worker` delivering them to an SMTP server in this process, SIGKILL
 * mid-way, a second worker started: every message arrives, and no Message-ID arrives twice
 * except at most the one message in flight at the kill (one SMTP connection:
 * `delivery.email.smtp.maxConnections` 1). SQLite always, PostgreSQL when DATABASE_URL is set.
 */
const MAIN = path.resolve(import.meta.dirname, "../src/cli/main.ts");
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "holdfast-crash-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));
const pgUrl = process.env.DATABASE_URL;
const N = 1_000;
const stores = [
  { name: "sqlite", file: path.join(tmp, "crash.db") as string | undefined },
  ...(pgUrl ? [{ name: "postgres", file: undefined }] : []),
];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function worker(
  store: { file: string | undefined },
  org: string,
  config: string,
): {
  out: () => string;
  child: ChildProcess;
  exit: Promise<{ code: number | null; signal: string | null; out: string }>;
} {
  const child = spawn(
    process.execPath,
    [
      MAIN,
      "worker",
      "--org",
      org,
      ...(store.file ? ["--db", store.file] : []),
      "--config",
      config,
      "--poll-ms",
      "50",
      "--lease-seconds",
      "2",
      "--concurrency",
      "1",
      "--no-scheduler",
    ],
    {
      env: { ...process.env, DATABASE_URL: store.file ? "" : (pgUrl ?? "") },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let out = "";
  child.stdout?.on("data", (d) => {
    out += d;
  });
  child.stderr?.on("data", (d) => {
    out += d;
  });
  return {
    out: () => out,
    child,
    exit: new Promise((resolve) => child.once("exit", (code, signal) => resolve({ code, signal, out }))),
  };
}

for (const store of stores) {
  describe(`email delivery survives SIGKILL [${store.name}]`, () => {
    it(`${N} emails: killed mid-way, restarted, all delivered, no Message-ID twice but the one in flight`, {
      timeout: 420_000,
    }, async () => {
      const smtp = await startSmtpSink({ keepRaw: false });
      const db: Db = store.file
        ? await openDb({ sqlitePath: store.file })
        : await openDb({ databaseUrl: pgUrl });
      const workers: ChildProcess[] = [];
      try {
        const now = new Date();
        const org = await ensureOrg(db, `crash-${process.pid}-${Date.now().toString(36)}`, now);
        const customers = Array.from({ length: N }, (_, i) => {
          const id = `c${String(i).padStart(4, "0")}`;
          return {
            org_id: org.id,
            id,
            ordinal: i + 1,
            account_id: id,
            name: `Customer ${i}`,
            is_trial: 0,
            arr: 6_000,
            mrr: 500,
            billing_email: `${id}@example.test`,
            status: "active",
          };
        });
        for (let i = 0; i < N; i += 200)
          await db.kysely
            .insertInto("customers")
            .values(customers.slice(i, i + 200))
            .execute();
        const at = now.toISOString();
        const rows = customers.map((c) => ({
          idempotency_key: `crash:${org.id}:${c.id}:email`,
          customer_id: c.id,
          tactic: "proactive-check-in",
          run_id: `run-${c.id}`,
          step_id: "check_in",
          channel: "email",
          payload: JSON.stringify({ action: "check_in.contextual", offer_id: null, approval: false, at }),
          status: "pending",
          created_at: at,
        }));
        expect((await insertOutbox(db, org.id, rows)).size).toBe(N);
        const config = path.join(tmp, `config-${store.name}.json`);
        fs.writeFileSync(
          config,
          JSON.stringify({
            delivery: {
              rateLimits: { email: 0 },
              retry: { baseMs: 200, maxMs: 2_000 },
              email: {
                smtp: { host: "127.0.0.1", port: smtp.port, secure: false, user: "", maxConnections: 1 },
                from: "CS <cs@example.test>",
                publicUrl: "https://crash.example.test",
              },
            },
          }),
        );
        await queueDispatch(db, org.id, now, now);

        const first = worker(store, org.slug, config);
        workers.push(first.child);
        for (let i = 0; i < 2_400 && smtp.messageIds.length < N * 0.3; i++) await sleep(50);
        expect(
          smtp.messageIds.length,
          `the first worker delivered a third before the kill: ${first.out().slice(-3_000)}`,
        ).toBeGreaterThanOrEqual(N * 0.3);
        first.child.kill("SIGKILL");
        const killed = await first.exit;
        expect(killed.signal).toBe("SIGKILL");
        const atKill = smtp.messageIds.length;
        expect(atKill).toBeLessThan(N); // mid-way: there is work left for the second worker

        const second = worker(store, org.slug, config);
        workers.push(second.child);
        const statuses = () =>
          q(db).selectFrom("outbox").select(["status"]).where("org_id", "=", org.id).execute();
        let sent = 0;
        for (let i = 0; i < 3_600; i++) {
          sent = (await statuses()).filter((r) => r.status === "sent").length;
          if (sent === N) break;
          await sleep(100);
        }
        second.child.kill("SIGTERM");
        const stopped = await second.exit;
        expect(sent, stopped.out.slice(-2_000)).toBe(N);

        const seen = new Map<string, number>();
        for (const id of smtp.messageIds) seen.set(id, (seen.get(id) ?? 0) + 1);
        const twice = [...seen].filter(([, n]) => n > 1);
        const expected = new Set(rows.map((r) => messageIdFor(r.idempotency_key, "crash.example.test")));
        expect([...seen.keys()].filter((id) => !expected.has(id))).toEqual([]);
        expect(seen.size, "every message arrived").toBe(N);
        expect(twice.length, `duplicates: ${JSON.stringify(twice)}`).toBeLessThanOrEqual(1);
        expect(twice.every(([, n]) => n === 2)).toBe(true);
        // Rows the killed worker had claimed were claimed again; those it had already sent (the
        // SMTP server accepted them, its batch was not recorded) were not sent again.
        const reclaimed = await sql<{
          n: number | string;
        }>`select count(*) as n from outbox where org_id = ${org.id} and attempts >= 2`.execute(db.kysely);
        const again = Number(reclaimed.rows[0]?.n ?? 0);
        expect(again, "rows claimed again after the kill").toBeGreaterThan(twice.length);
        console.log(
          `[${store.name}] ${N} emails; killed after ${atKill} received; ${smtp.messageIds.length} received in all; rows claimed again: ${again}; Message-IDs seen twice: ${twice.length}`,
        );
      } finally {
        for (const w of workers) if (w.exitCode === null && w.signalCode === null) w.kill("SIGKILL");
        await closeDb(db);
        await smtp.close();
      }
    });
  });
}
