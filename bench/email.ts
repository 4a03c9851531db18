import { type ChildProcess, fork } from "node:child_process";
import path from "node:path";
import { parseConfig } from "../src/core/config.ts";
import { closeDb, openDb } from "../src/store/open-store.ts";
import { ensureOrg } from "../src/store/orgs.ts";
import { insertOutbox } from "../src/store/plays/outbox.ts";
import { dispatchOutbox } from "../src/usecases/delivery/dispatch-outbox.ts";
import { closeEmailSenders } from "../src/usecases/delivery/email.ts";
import { listOutboxEntries } from "../src/usecases/delivery/outbox-views.ts";
import { freshTarget } from "./fresh-store.ts";

/**
 * `npm run bench -- email [--count N] [--store sqlite|postgres]`: N pending email rows (one per
 * customer, each with a billing address), delivered by the dispatcher to a real SMTP server
 * (smtp-server) in a child process: claim, render the template (escaped), send over nodemailer's
 * pooled transport (5 connections), record the acceptance, finish the attempts. Goal: 10,000
 * in under 30 s. The rate limit is off for the run (the default, 600 a minute, holds 10,000
 * to 17 minutes by design).
 */
export async function emailBench(count: number, store: string, connections = 5) {
  const { target, cleanup } = freshTarget(store, "email");
  const db = await openDb(store === "postgres" ? { databaseUrl: target } : { sqlitePath: target });
  const child = fork(path.join(import.meta.dirname, "smtp-sink-child.ts"), [], { stdio: "inherit" });
  const ask = <T>(msg: string | null): Promise<T> =>
    new Promise((resolve) => {
      child.once("message", (m) => resolve(m as T));
      if (msg) child.send(msg);
    });
  const smtp = await ask<{ port: number }>(null);
  try {
    const now = () => new Date();
    const ctx = {
      db,
      defaults: parseConfig({
        delivery: {
          rateLimits: { email: 0 },
          email: {
            smtp: {
              host: "127.0.0.1",
              port: smtp.port,
              secure: false,
              user: "",
              maxConnections: connections,
            },
            from: "CS <cs@example.test>",
            publicUrl: "https://bench.example.test",
          },
        },
      }),
      now,
    };
    const org = await ensureOrg(db, "bench", now());
    const at = now().toISOString();
    const customers = Array.from({ length: count }, (_, i) => {
      const id = `c${String(i).padStart(6, "0")}`;
      return {
        org_id: org.id,
        id,
        ordinal: i + 1,
        account_id: id,
        name: `Customer <${i}> & Co`,
        is_trial: 0,
        arr: 6_000,
        mrr: 500,
        billing_email: `${id}@example.test`,
        status: "active",
      };
    });
    for (let i = 0; i < count; i += 500)
      await db.kysely
        .insertInto("customers")
        .values(customers.slice(i, i + 500))
        .execute();
    await insertOutbox(
      db,
      org.id,
      customers.map((c) => ({
        idempotency_key: `bench:${c.id}:email`,
        customer_id: c.id,
        tactic: "proactive-check-in",
        run_id: `run-${c.id}`,
        step_id: "check_in",
        channel: "email",
        payload: JSON.stringify({ action: "check_in.contextual", offer_id: null, approval: false, at }),
        status: "pending",
        created_at: at,
      })),
    );
    const t0 = performance.now();
    const r = await dispatchOutbox(ctx, org.id, { batchSize: 500, concurrency: 64 });
    const ms = performance.now() - t0;
    const sent = (await listOutboxEntries(ctx, org.id, { status: "sent", limit: 1 })).total;
    const got = await ask<{ received: number; distinct: number }>("stats");
    console.log(
      JSON.stringify(
        {
          bench: "email",
          store,
          count,
          smtp_connections: connections,
          deliver_ms: Math.round(ms),
          per_second: Math.round(count / (ms / 1000)),
          sent,
          received: got.received,
          distinct_message_ids: got.distinct,
          dead: r.dead,
          goal: `${count.toLocaleString("en-US")} in under 30 s: ${ms < 30_000 ? "met" : "missed"}`,
        },
        null,
        2,
      ),
    );
  } finally {
    closeEmailSenders();
    await stop(child);
    await closeDb(db);
    cleanup();
  }
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    child.once("exit", () => resolve());
    child.send("close");
  });
}
