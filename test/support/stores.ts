import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe } from "vitest";
import { closeDb, type Db, openDb } from "../../src/store/open-store.ts";
import { ensureOrg, type Org } from "../../src/store/orgs.ts";

export interface StoreCase {
  name: "sqlite" | "postgres";
  db(): Db;
  /** A fresh org for one test: tests never share or truncate data. */
  freshOrg(): Promise<Org>;
}

const pgUrl = process.env.DATABASE_URL;
if (!pgUrl && process.env.CI) throw new Error("CI must set DATABASE_URL: store tests run on PostgreSQL too");

let counter = 0;
const uniqueSlug = () => `t-${process.pid}-${Date.now().toString(36)}-${(counter++).toString(36)}`;

/** Runs the same suite against SQLite (a temp file) and PostgreSQL (DATABASE_URL). */
export function describeStores(title: string, suite: (s: StoreCase) => void): void {
  const dialects: StoreCase["name"][] = pgUrl ? ["sqlite", "postgres"] : ["sqlite"];
  if (!pgUrl) console.warn("DATABASE_URL is not set: PostgreSQL store tests skipped (CI always runs them)");
  for (const name of dialects) {
    describe(`${title} [${name}]`, () => {
      let db: Db | undefined;
      let dir: string | undefined;
      beforeAll(async () => {
        if (name === "sqlite") {
          dir = fs.mkdtempSync(path.join(os.tmpdir(), "holdfast-test-"));
          db = await openDb({ sqlitePath: path.join(dir, "test.db") });
        } else {
          db = await openDb({ databaseUrl: pgUrl });
        }
      });
      afterAll(async () => {
        if (db) await closeDb(db);
        if (dir) fs.rmSync(dir, { recursive: true, force: true });
      });
      suite({
        name,
        db: () => db!,
        freshOrg: () => ensureOrg(db!, uniqueSlug(), new Date("2026-01-01T00:00:00Z")),
      });
    });
  }
}

export const RAVENSTACK_DIR = path.resolve(import.meta.dirname, "../../../shared/data/ravenstack");
