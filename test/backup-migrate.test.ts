import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { sql } from "kysely";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDb, type Db, openDb } from "../src/store/open-store.ts";
import { ensureOrg } from "../src/store/orgs.ts";
import { validRavenstack, writeDir } from "./support/ravenstack-fixture.ts";

/**
 * `holdfast backup` / `restore` on SQLite (a round trip with equal counts in every table) and
 * `holdfast migrate-store` from SQLite into PostgreSQL (equal counts and an equal report).
 */
const run = promisify(execFile);
const MAIN = path.resolve(import.meta.dirname, "../src/cli/main.ts");
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "holdfast-backup-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));
const pgUrl = process.env.DATABASE_URL;

async function holdfast(databaseUrl: string, ...args: string[]) {
  try {
    const { stdout, stderr } = await run(process.execPath, [MAIN, ...args], {
      env: { ...process.env, DATABASE_URL: databaseUrl },
    });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

/** Rows per table (every table of the SQLite schema), read from `db`. */
async function tableCounts(db: Db, tables: string[]): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of tables) {
    const r = await sql<{ n: number | string }>`select count(*) as n from ${sql.table(t)}`.execute(db.kysely);
    out[t] = Number(r.rows[0]!.n);
  }
  return out;
}

async function sqliteTables(file: string): Promise<string[]> {
  const db = await openDb({ sqlitePath: file });
  try {
    const r = await sql<{ name: string }>`
      select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like 'kysely_%'
      order by name`.execute(db.kysely);
    return r.rows.map((x) => x.name);
  } finally {
    await closeDb(db);
  }
}

async function countsOf(opts: { sqlitePath?: string; databaseUrl?: string }, tables: string[]) {
  const db = await openDb(opts);
  try {
    return await tableCounts(db, tables);
  } finally {
    await closeDb(db);
  }
}

describe("holdfast backup and restore (SQLite)", () => {
  const source = path.join(tmp, "source.db");
  const backup = path.join(tmp, "out", "source.bak");
  const restored = path.join(tmp, "restored.db");

  beforeAll(async () => {
    const imp = await holdfast(
      "",
      "import",
      "ravenstack",
      writeDir(validRavenstack()),
      "--db",
      source,
      "--org",
      "acme",
    );
    expect(imp.code, imp.stderr).toBe(0);
    const ping = await holdfast("", "jobs", "ping", "--count", "3", "--db", source);
    expect(ping.code, ping.stderr).toBe(0);
  });

  it("round-trips: every table's count equal, the same report", async () => {
    const b = await holdfast("", "backup", "--out", backup, "--db", source);
    expect(b.code, b.stderr).toBe(0);
    expect(b.stdout).toMatch(/Backed up the sqlite store to .*source\.bak/);
    const r = await holdfast("", "restore", backup, "--db", restored);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/Restored .*: 1 org\(s\)/);
    const tables = await sqliteTables(source);
    const before = await countsOf({ sqlitePath: source }, tables);
    expect(before.customers).toBe(3);
    expect(before.jobs).toBe(4); // three pings and the history backfill the import queued
    expect(await countsOf({ sqlitePath: restored }, tables)).toEqual(before);
    const a = await holdfast("", "report", "--json", "--db", source);
    const c = await holdfast("", "report", "--json", "--db", restored);
    expect(c.stdout).toBe(a.stdout);
  });

  it("refuses to overwrite a store with data without --force", async () => {
    const again = await holdfast("", "restore", backup, "--db", restored);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/holds 1 org\(s\).*--force/);
    const forced = await holdfast("", "restore", backup, "--db", restored, "--force");
    expect(forced.code, forced.stderr).toBe(0);
  });

  it("refuses a file that is not a backup", async () => {
    const junk = path.join(tmp, "junk.bak");
    fs.writeFileSync(junk, "not a database");
    const r = await holdfast("", "restore", junk, "--db", path.join(tmp, "empty.db"));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/not a readable SQLite backup/);
  });

  it("takes a consistent copy while another connection writes", async () => {
    const db = await openDb({ sqlitePath: source });
    let writing = true;
    let n = 0;
    const writer = (async () => {
      while (writing) {
        await ensureOrg(db, `busy-${n++}`, new Date());
        await new Promise((res) => setImmediate(res));
      }
    })();
    try {
      const out = path.join(tmp, "busy.bak");
      const b = await holdfast("", "backup", "--out", out, "--db", source);
      expect(b.code, b.stderr).toBe(0);
      const copy = await openDb({ sqlitePath: out });
      const check = await sql<{ integrity_check: string }>`pragma integrity_check`.execute(copy.kysely);
      expect(check.rows[0]!.integrity_check).toBe("ok");
      await closeDb(copy);
    } finally {
      writing = false;
      await writer;
      await closeDb(db);
    }
    expect(n).toBeGreaterThan(0);
  });
});

describe.runIf(pgUrl)("holdfast migrate-store (SQLite into PostgreSQL)", () => {
  const source = path.join(tmp, "migrate.db");
  const dbName = `holdfast_migrate_${process.pid}`;
  let target = "";
  const admin = () => new pg.Client({ connectionString: pgUrl });

  beforeAll(async () => {
    const c = admin();
    await c.connect();
    await c.query(`drop database if exists ${dbName}`);
    await c.query(`create database ${dbName}`);
    await c.end();
    const u = new URL(pgUrl!);
    u.pathname = `/${dbName}`;
    target = u.toString();
    const imp = await holdfast(
      "",
      "import",
      "ravenstack",
      writeDir(validRavenstack()),
      "--db",
      source,
      "--org",
      "acme",
    );
    expect(imp.code, imp.stderr).toBe(0);
    expect((await holdfast("", "jobs", "ping", "--count", "2", "--db", source)).code).toBe(0);
  });
  afterAll(async () => {
    const c = admin();
    await c.connect();
    await c.query(`drop database if exists ${dbName} with (force)`);
    await c.query(`drop database if exists ${dbName}_restored with (force)`);
    await c.end();
  });

  it("copies every table with equal counts, and the report reads the same on both", async () => {
    const m = await holdfast("", "migrate-store", "--db", source, "--to", target);
    expect(m.code, m.stderr).toBe(0);
    expect(m.stdout).toMatch(/counts equal/);
    const tables = await sqliteTables(source);
    const want = await countsOf({ sqlitePath: source }, tables);
    expect(await countsOf({ databaseUrl: target }, tables)).toEqual(want);
    const a = await holdfast("", "report", "--json", "--db", source);
    const b = await holdfast(target, "report", "--json");
    expect(a.code).toBe(0);
    expect(JSON.parse(b.stdout)).toEqual(JSON.parse(a.stdout));
    // The id sequences moved past the copied ids: a new org and job get fresh ids.
    const db = await openDb({ databaseUrl: target });
    try {
      const org = await ensureOrg(db, "after-copy", new Date());
      expect(org.id).toBeGreaterThan(1);
    } finally {
      await closeDb(db);
    }
    expect((await holdfast(target, "jobs", "ping", "--org", "acme")).code).toBe(0);
  });

  it("refuses a target with data unless --force, which replaces it", async () => {
    const again = await holdfast("", "migrate-store", "--db", source, "--to", target);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/not empty .*--force/);
    const forced = await holdfast("", "migrate-store", "--db", source, "--to", target, "--force");
    expect(forced.code, forced.stderr).toBe(0);
    const tables = await sqliteTables(source);
    expect(await countsOf({ databaseUrl: target }, tables)).toEqual(
      await countsOf({ sqlitePath: source }, tables),
    );
  });

  it("backs up and restores the PostgreSQL store with pg_dump / pg_restore", async () => {
    const c = admin();
    await c.connect();
    await c.query(`drop database if exists ${dbName}_restored`);
    await c.query(`create database ${dbName}_restored`);
    await c.end();
    const u = new URL(target);
    u.pathname = `/${dbName}_restored`;
    const restored = u.toString();
    const dump = path.join(tmp, "pg.dump");
    const b = await holdfast(target, "backup", "--out", dump);
    expect(b.code, b.stderr).toBe(0);
    expect(b.stdout).toMatch(/Backed up the postgres store/);
    const r = await holdfast(restored, "restore", dump);
    expect(r.code, r.stderr).toBe(0);
    const tables = await sqliteTables(source);
    expect(await countsOf({ databaseUrl: restored }, tables)).toEqual(
      await countsOf({ databaseUrl: target }, tables),
    );
    const again = await holdfast(restored, "restore", dump);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/--force/);
  });
});
