import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseConfig } from "../core/config.ts";
import { rescoreOrg } from "../usecases/early-warning.ts";
import { importRavenstack } from "../ingest/ravenstack/import-ravenstack.ts";
import { ravenstackSourcesFromPath } from "../ingest/ravenstack/sources.ts";
import { createApiKey } from "../store/api-keys.ts";
import { closeDb, openDb } from "../store/open-store.ts";
import { ensureOrg } from "../store/orgs.ts";
import { buildApp } from "./app.ts";

export const SHARED_RAVENSTACK = path.resolve(import.meta.dirname, "../../../shared/data/ravenstack");

/**
 * The real service on a temporary SQLite store holding the shared RavenStack data (org "acme",
 * grain subscription, scored) and an admin key, listening on a free port. For browser tests.
 * `ravenstack: false` leaves the org empty (tests create their data over HTTP); `now` is the clock.
 */
export async function startTestServer(
  opts: { webDir?: string; ravenstack?: boolean; now?: () => Date } = {},
) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "holdfast-server-"));
  const db = await openDb({ sqlitePath: path.join(dir, "test.db") });
  const now = opts.now ?? (() => new Date());
  const config = parseConfig({});
  const org = await ensureOrg(db, "acme", now());
  if (opts.ravenstack !== false) {
    await importRavenstack(db, org, ravenstackSourcesFromPath(SHARED_RAVENSTACK), {
      grain: "subscription",
      source: "test server",
      now,
      actor: "test",
    });
    await rescoreOrg(db, org.id, { config, actor: "test", now });
  }
  const { key } = await createApiKey(db, org.id, { role: "admin", name: "browser test", now: now() });
  const app = await buildApp({ db, config, now, ...(opts.webDir ? { webDir: opts.webDir } : {}) });
  const url = await app.listen({ port: 0, host: "127.0.0.1" });
  return {
    url,
    key,
    async close() {
      await app.close();
      await closeDb(db);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
