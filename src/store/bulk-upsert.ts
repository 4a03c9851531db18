import { from as copyFrom } from "pg-copy-streams";
import type { Db } from "./open-store.ts";

/**
 * A table a bulk path writes. `columns` and `key` leave out org_id: the writer puts the org
 * first in every row itself, so no caller can write into another org.
 */
export interface BulkTable {
  name: string;
  columns: readonly string[];
  key: readonly string[];
}

export type Row = readonly unknown[];

/**
 * Writes rows with "insert, or update only what differs" semantics, so re-importing identical
 * data changes nothing. Returns how many rows were new or changed.
 * One instance per transaction: SQLite runs synchronously inside one, PostgreSQL on one client.
 */
export interface BulkWriter {
  upsert(table: BulkTable, orgId: number, rows: Iterable<Row>): Promise<number>;
}

function upsertTail(t: BulkTable): string {
  const key = ["org_id", ...t.key].join(", ");
  const rest = t.columns.filter((c) => !t.key.includes(c));
  if (rest.length === 0) return `on conflict (${key}) do nothing`;
  const set = rest.map((c) => `${c} = excluded.${c}`).join(", ");
  const changed = rest.map((c) => `${t.name}.${c} is distinct from excluded.${c}`).join(" or ");
  return `on conflict (${key}) do update set ${set} where ${changed}`;
}

const columnList = (t: BulkTable): string => ["org_id", ...t.columns].join(", ");

function sqliteValue(v: unknown): unknown {
  return typeof v === "boolean" ? (v ? 1 : 0) : v;
}

/**
 * One prepared single-row statement run per row inside the caller's transaction. Measured on
 * 500k rows: as fast as a plain insert, and twice as fast as multi-row VALUES statements.
 */
export function sqliteBulkWriter(db: Db): BulkWriter {
  const sqlite = db.sqlite!;
  return {
    async upsert(t, orgId, rows) {
      const width = t.columns.length + 1;
      const stmt = sqlite.prepare(
        `insert into ${t.name} (${columnList(t)}) values (${new Array(width).fill("?").join(", ")}) ${upsertTail(t)}`,
      );
      const params = new Array<unknown>(width);
      params[0] = orgId;
      let changed = 0;
      for (const row of rows) {
        for (let i = 1; i < width; i++) params[i] = sqliteValue(row[i - 1]);
        changed += stmt.run(params).changes;
      }
      return changed;
    },
  };
}

function csvField(v: unknown): string {
  if (v === null || v === undefined) return "";
  if (typeof v === "boolean") return v ? "1" : "0";
  if (typeof v === "number") return String(v);
  const s = String(v);
  return `"${s.replaceAll('"', '""')}"`; // quoted, so "" stays an empty string and never NULL
}

/** COPY into a temporary staging table, then one set-based upsert into the real table. */
export function pgBulkWriter(client: import("pg").PoolClient): BulkWriter {
  return {
    async upsert(t, orgId, rows) {
      const staging = `staging_${t.name}`;
      await client.query(
        `create temp table if not exists ${staging} (like ${t.name} including defaults) on commit drop`,
      );
      await client.query(`truncate ${staging}`);
      const stream = client.query(
        copyFrom(`copy ${staging} (${columnList(t)}) from stdin with (format csv)`),
      );
      const done = new Promise<void>((resolve, reject) => {
        stream.on("finish", resolve);
        stream.on("error", reject);
      });
      let chunk = "";
      for (const row of rows) {
        chunk += `${orgId},${row.map(csvField).join(",")}\n`;
        if (chunk.length > 1 << 20) {
          if (!stream.write(chunk)) await new Promise((r) => stream.once("drain", r));
          chunk = "";
        }
      }
      stream.end(chunk);
      await done;
      const cols = columnList(t);
      const res = await client.query(
        `insert into ${t.name} (${cols}) select ${cols} from ${staging} ${upsertTail(t)}`,
      );
      return res.rowCount ?? 0;
    },
  };
}

/**
 * Runs `fn` in one transaction with a bulk writer. On SQLite the whole write phase must be
 * synchronous in effect (no other query may interleave on the shared connection), so callers
 * prepare every row before calling this.
 */
export async function withBulkTransaction<T>(db: Db, fn: (w: BulkWriter) => Promise<T>): Promise<T> {
  if (db.dialect === "sqlite") {
    // Hold Kysely's connection lock, so no other query joins (or collides with) this transaction.
    return db.kysely.connection().execute(async () => {
      const sqlite = db.sqlite!;
      sqlite.exec("begin immediate");
      try {
        const out = await fn(sqliteBulkWriter(db));
        sqlite.exec("commit");
        return out;
      } catch (e) {
        if (sqlite.inTransaction) sqlite.exec("rollback");
        throw e;
      }
    });
  }
  const client = await db.pgPool!.connect();
  try {
    await client.query("begin");
    const out = await fn(pgBulkWriter(client));
    await client.query("commit");
    return out;
  } catch (e) {
    await client.query("rollback").catch(() => {});
    throw e;
  } finally {
    client.release();
  }
}
