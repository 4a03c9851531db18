import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { buildApp } from "../../src/api/app.ts";
import { parseConfig } from "../../src/core/config.ts";
import type { WorkspaceOptions } from "../../src/demo/workspace/simulate.ts";
import { ravenstackSourcesFromPath } from "../../src/ingest/ravenstack/sources.ts";
import { createApiKey } from "../../src/store/api-keys.ts";
import { closeDb, openDb } from "../../src/store/open-store.ts";
import { ensureOrg } from "../../src/store/orgs.ts";
import { importRavenstack } from "../../src/usecases/import-ravenstack.ts";
import { jobHandlers } from "../../src/usecases/job-handlers.ts";
import { loadDemoWorkspace } from "../../src/usecases/load-demo-workspace.ts";
import { createWorker } from "../../src/worker/worker.ts";

export const SHARED_RAVENSTACK = path.resolve(import.meta.dirname, "../../../shared/data/ravenstack");

/**
 * The real service on a temporary SQLite store holding the shared RavenStack data (org "acme",
 * grain subscription, scored) and an admin key, listening on a free port. For browser tests.
 * `ravenstack: false` leaves the org empty (tests create their data over HTTP); `now` is the clock.
 * One embedded worker runs queued jobs (analysis runs, refreshes), as `holdfast serve` does;
 * `worker: false` leaves jobs queued.
 */
export async function startTestServer(
  opts: {
    webDir?: string;
    ravenstack?: boolean;
    /** Load the demo workspace (issue 18's browser tests) instead of RavenStack. */
    demo?: WorkspaceOptions;
    /**
     * Keep the history backfill the load queued (default: only for the demo workspace). RavenStack
     * pages do not read history, and the backfill would hold the one worker for minutes.
     */
    history?: boolean;
    /**
     * Keep the 30-day plays simulation the demo load queued (default: cancelled; it runs a refresh
     * and a tick per day and would hold the one worker).
     */
    playsSimulate?: boolean;
    now?: () => Date;
    worker?: boolean;
  } = {},
) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "holdfast-server-"));
  const db = await openDb({ sqlitePath: path.join(dir, "test.db") });
  const now = opts.now ?? (() => new Date());
  const config = parseConfig({});
  const org = await ensureOrg(db, "acme", now());
  if (opts.demo) {
    // Loads, refreshes and queues the history backfill (the embedded worker runs it).
    await loadDemoWorkspace({ db, defaults: config, now }, org.id, opts.demo);
  } else if (opts.ravenstack !== false) {
    // The import refreshes the org: every score kind, reports snapshotted.
    await importRavenstack(
      { db, defaults: config, now },
      org.id,
      ravenstackSourcesFromPath(SHARED_RAVENSTACK),
      { grain: "subscription", source: "test server", actor: "test" },
    );
  }
  if (!(opts.history ?? opts.demo !== undefined)) {
    await db.kysely
      .updateTable("jobs")
      .set({ status: "cancelled" })
      .where("org_id", "=", org.id)
      .where("kind", "=", "backfill_history")
      .where("status", "=", "queued")
      .execute();
  }
  if (!opts.playsSimulate) {
    await db.kysely
      .updateTable("jobs")
      .set({ status: "cancelled" })
      .where("org_id", "=", org.id)
      .where("kind", "=", "plays_simulate")
      .where("status", "=", "queued")
      .execute();
  }
  const { key } = await createApiKey(db, org.id, { role: "admin", name: "browser test", now: now() });
  const worker =
    opts.worker === false
      ? undefined
      : createWorker({ ctx: { db, defaults: config, now }, handlers: jobHandlers(), pollMs: 100 });
  const app = await buildApp({
    db,
    config,
    now,
    ...(opts.webDir ? { webDir: opts.webDir } : {}),
    ...(worker ? { wake: () => worker.wake() } : {}),
  });
  worker?.start();
  const url = await app.listen({ port: 0, host: "127.0.0.1" });
  return {
    url,
    key,
    db,
    async close() {
      await worker?.stop();
      await app.close();
      await closeDb(db);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
