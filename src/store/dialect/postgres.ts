import { type CompiledQuery, Kysely, PostgresDialect, type RawBuilder, type SqlBool, sql } from "kysely";
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import type { Database } from "../schema.ts";
import type { BulkTable, ColumnType, Dialect, MergeTable, OpenedStore, Row, RowTable } from "./dialect.ts";
import {
  bulkColumnList,
  conflictTarget,
  mergeSet,
  rowColumnList,
  sortedByKey,
  upsertTail,
} from "./sql-text.ts";

// PostgreSQL answers bigint (count, sum) and numeric (avg) as strings; our values fit a double.
const PG_TYPES = {
  getTypeParser(oid: number, format?: string) {
    if (oid === 20 || oid === 1700) return (v: string) => Number(v);
    return pg.types.getTypeParser(oid, format as "text");
  },
};

export function openPostgres(url: string): OpenedStore {
  const pool = new pg.Pool({ connectionString: url, max: 10, types: PG_TYPES });
  const kysely = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  const u = new URL(url);
  return {
    kysely,
    driver: new PostgresDriver(pool, null, kysely),
    location: `${u.hostname}:${u.port || 5432}${u.pathname}`,
  };
}

/**
 * A Kysely instance whose every query runs on one client (the transaction's). Its own
 * `transaction()` is refused: on PostgreSQL a second `begin` is only a warning, and its commit
 * would end the outer transaction early (use `withTransaction`, which joins the outer one).
 */
function kyselyOn(client: pg.PoolClient): Kysely<Database> {
  const shared = {
    query: (...args: unknown[]) => {
      const text = args[0];
      if (typeof text === "string" && /^\s*(begin|start transaction)\b/i.test(text)) {
        throw new Error("already in a transaction: use withTransaction, not kysely.transaction()");
      }
      return (client.query as (...a: unknown[]) => unknown).apply(client, args);
    },
    release: () => {}, // the transaction releases the client, not each query
  };
  const pool = { connect: async () => shared, end: async () => {} };
  return new Kysely<Database>({
    dialect: new PostgresDialect({ pool: pool as unknown as pg.Pool }),
  });
}

/** Retries of a transaction that lost a deadlock or a serialization check. */
const RETRY = { attempts: 6, baseMs: 10 } as const;

/** Deadlock detected (40P01) or serialization failure (40001): running the transaction again may pass. */
function isRetryable(e: unknown): boolean {
  // The driver's error, or one a caller wrapped around it (its `cause`).
  for (let err = e, depth = 0; err && depth < 5; err = (err as { cause?: unknown }).cause, depth++) {
    const code = (err as { code?: unknown }).code;
    if (code === "40P01" || code === "40001") return true;
  }
  return false;
}

const ARRAY_TYPE: Record<ColumnType, string> = { text: "text[]", integer: "int8[]", real: "float8[]" };

/** `insert ... select` from one array parameter per column (one statement for any row count). */
function unnestInsert(t: RowTable): string {
  const names = t.columns.map((c) => c.name);
  const arrays = t.columns.map((c, i) => `$${i + 2}::${ARRAY_TYPE[c.type]}`).join(", ");
  return `insert into ${t.name} (${rowColumnList(t)})
    select $1::integer, ${names.map((n) => `u.${n}`).join(", ")}
    from unnest(${arrays}) as u(${names.join(", ")})`;
}

function columnArrays(t: RowTable, orgId: number, rows: readonly Row[]): unknown[] {
  const cols = t.columns.map(() => new Array<unknown>(rows.length));
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r]!;
    for (let i = 0; i < cols.length; i++) cols[i]![r] = row[i] ?? null;
  }
  return [orgId, ...cols];
}

function csvField(v: unknown): string {
  if (v === null || v === undefined) return "";
  if (typeof v === "boolean") return v ? "1" : "0";
  if (typeof v === "number") return String(v);
  const s = String(v);
  return `"${s.replaceAll('"', '""')}"`; // quoted, so "" stays an empty string and never NULL
}

/**
 * A pool, or one client of it inside a transaction. Set-based paths are single statements
 * (`unnest` arrays) or COPY into a temporary staging table.
 */
class PostgresDriver implements Dialect {
  readonly name = "postgres" as const;
  readonly skipLocked = true;
  readonly rowLocks = true;
  readonly serialType = "serial" as const;
  readonly #pool: pg.Pool;
  readonly #client: pg.PoolClient | null;
  readonly #kysely: Kysely<Database>;

  constructor(pool: pg.Pool, client: pg.PoolClient | null, kysely: Kysely<Database>) {
    this.#pool = pool;
    this.#client = client;
    this.#kysely = kysely;
  }

  get inTransaction(): boolean {
    return this.#client !== null;
  }

  /**
   * One pooled client for the whole transaction. A transaction that loses a deadlock (40P01) or
   * a serialization check (40001) is rolled back and run again, up to `RETRY.attempts` times in
   * all, after a short jittered backoff: `fn` must be database work only (it is, per
   * `withTransaction`'s contract), so running it again is safe. Nested calls join the outer
   * transaction and never retry on their own (the outer one does).
   */
  async transaction<T>(fn: (scope: { kysely: Kysely<Database>; driver: Dialect }) => Promise<T>): Promise<T> {
    if (this.#client) return fn({ kysely: this.#kysely, driver: this });
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.#once(fn);
      } catch (e) {
        if (attempt >= RETRY.attempts || !isRetryable(e)) throw e;
        // Half fixed, half random under an exponential cap: 10-20 ms, then 20-40, 40-80, ... ms.
        const cap = RETRY.baseMs * 2 ** attempt;
        await new Promise((r) => setTimeout(r, cap / 2 + Math.random() * (cap / 2)));
      }
    }
  }

  async #once<T>(fn: (scope: { kysely: Kysely<Database>; driver: Dialect }) => Promise<T>): Promise<T> {
    const client = await this.#pool.connect();
    let broken = false;
    try {
      await client.query("begin");
      const kysely = kyselyOn(client);
      const out = await fn({ kysely, driver: new PostgresDriver(this.#pool, client, kysely) });
      const done = await client.query("commit");
      // COMMIT answers ROLLBACK when an earlier statement's error (caught by `fn`) aborted it.
      if (done.command === "ROLLBACK") throw new Error("the transaction was aborted by an earlier error");
      return out;
    } catch (e) {
      await client.query("rollback").catch(() => {
        broken = true;
      });
      throw e;
    } finally {
      client.release(broken);
    }
  }

  async rawRows(q: CompiledQuery): Promise<unknown[][]> {
    const res = await (this.#client ?? this.#pool).query({
      text: q.sql,
      values: q.parameters as unknown[],
      rowMode: "array",
    });
    return res.rows as unknown[][];
  }

  inTextList(column: string, values: readonly string[]): RawBuilder<SqlBool> {
    return sql<SqlBool>`${sql.ref(column)} = any(${values}::text[])`;
  }

  /** COPY into a temporary staging table, then one set-based upsert into the real table. */
  async upsert(t: BulkTable, orgId: number, rows: Iterable<Row>): Promise<number> {
    const client = this.#client;
    if (!client) return this.transaction(({ driver }) => driver.upsert(t, orgId, rows));
    const staging = `staging_${t.name}`;
    await client.query(
      `create temp table if not exists ${staging} (like ${t.name} including defaults) on commit drop`,
    );
    await client.query(`truncate ${staging}`);
    const stream = client.query(
      copyFrom(`copy ${staging} (${bulkColumnList(t)}) from stdin with (format csv)`),
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
    const cols = bulkColumnList(t);
    const res = await client.query(
      `insert into ${t.name} (${cols}) select ${cols} from ${staging} ${upsertTail(t)}`,
    );
    return res.rowCount ?? 0;
  }

  async insertNew(t: RowTable, orgId: number, rows: readonly Row[]): Promise<boolean[]> {
    if (rows.length === 0) return [];
    const res = await (this.#client ?? this.#pool).query({
      text: `${unnestInsert(t)} on conflict (${conflictTarget(t)}) do nothing returning ${t.key.join(", ")}`,
      values: columnArrays(t, orgId, sortedByKey(t, rows)),
      rowMode: "array",
    });
    // Match the returned keys to the rows; a key repeated in `rows` is new only the first time.
    const keyAt = t.key.map((k) => t.columns.findIndex((c) => c.name === k));
    const rowKey = (values: readonly unknown[], at: (i: number) => number): string =>
      keyAt.length === 1 ? String(values[at(0)]) : keyAt.map((_, i) => String(values[at(i)])).join("\u0000");
    const inserted = new Set((res.rows as unknown[][]).map((r) => rowKey(r, (i) => i)));
    return rows.map((row) => inserted.delete(rowKey(row, (i) => keyAt[i]!)));
  }

  async merge(t: MergeTable, orgId: number, rows: readonly Row[]): Promise<void> {
    if (rows.length === 0) return;
    await (this.#client ?? this.#pool).query(
      `${unnestInsert(t)} on conflict (${conflictTarget(t)}) do update set ${mergeSet(t, "greatest")}`,
      columnArrays(t, orgId, sortedByKey(t, rows)),
    );
  }
}
