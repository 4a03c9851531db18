import http from "node:http";
import type { AddressInfo } from "node:net";
import { parseConfig } from "../src/core/config.ts";
import { WEBHOOK_PAYLOAD_VERSION, type WebhookEvent } from "../src/core/delivery/webhook-events.ts";
import { closeDb, openDb } from "../src/store/open-store.ts";
import { ensureOrg } from "../src/store/orgs.ts";
import { withTransaction } from "../src/store/transaction.ts";
import { dispatchOutbox } from "../src/usecases/delivery/dispatch-outbox.ts";
import { createWebhook } from "../src/usecases/delivery/manage-webhooks.ts";
import { listOutboxEntries } from "../src/usecases/delivery/outbox-views.ts";
import { emitWebhookEvents } from "../src/usecases/delivery/webhook-fanout.ts";
import { verifySignature } from "../src/usecases/delivery/webhook-signature.ts";
import { freshTarget } from "./fresh-store.ts";

/**
 * `npm run bench -- webhooks [--count N] [--store sqlite|postgres]`: N webhook events queued
 * for one endpoint, then delivered by the dispatcher (claim, attempt rows, signed POST, result)
 * to a local HTTP receiver in this process that verifies every signature. Goal: 10,000 in
 * under 20 s. The rate limit is off for the run (the default, 6,000 a minute, would hold
 * 10,000 to two minutes by design).
 */
export async function webhooksBench(count: number, store: string) {
  const { target, cleanup } = freshTarget(store, "webhooks");
  const db = await openDb(store === "postgres" ? { databaseUrl: target } : { sqlitePath: target });
  let secret = "";
  let received = 0;
  let bad = 0;
  const keys = new Set<string>();
  let dup = 0;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      const sig = req.headers["holdfast-signature"];
      if (!verifySignature(typeof sig === "string" ? sig : undefined, body, secret, new Date()).ok) bad++;
      const key = String(req.headers["holdfast-idempotency-key"]);
      if (keys.has(key)) dup++;
      keys.add(key);
      received++;
      res.writeHead(200).end("ok");
    });
  });
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  try {
    const now = () => new Date();
    const ctx = {
      db,
      defaults: parseConfig({ delivery: { rateLimits: { webhook: 0 } } }),
      now,
    };
    const org = await ensureOrg(db, "bench", now());
    secret = (await createWebhook(ctx, org.id, { url, events: ["play.fired"] }, "bench")).secret;
    const t0 = performance.now();
    const events: WebhookEvent[] = Array.from({ length: count }, (_, i) => ({
      id: `evt_${i}`,
      type: "play.fired",
      version: WEBHOOK_PAYLOAD_VERSION,
      created_at: now().toISOString(),
      customer_id: `c${i % 1000}`,
      data: { tactic: "bench", n: i },
    }));
    await withTransaction(db, (tx) => emitWebhookEvents(tx, org.id, events, now()));
    const queued = performance.now() - t0;
    const t1 = performance.now();
    const r = await dispatchOutbox(ctx, org.id, { batchSize: 500, concurrency: 64 });
    const delivered = performance.now() - t1;
    const sent = (await listOutboxEntries(ctx, org.id, { status: "sent", limit: 1 })).total;
    console.log(
      JSON.stringify(
        {
          bench: "webhooks",
          store,
          count,
          queue_ms: Math.round(queued),
          deliver_ms: Math.round(delivered),
          per_second: Math.round(count / (delivered / 1000)),
          sent,
          received,
          duplicates: dup,
          bad_signatures: bad,
          summary: r,
        },
        null,
        2,
      ),
    );
  } finally {
    server.closeAllConnections();
    server.close();
    await closeDb(db);
    cleanup();
  }
}
