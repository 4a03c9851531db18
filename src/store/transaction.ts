import type { Db } from "./open-store.ts";

/**
 * Runs `fn` in one transaction and returns what it returns; an error rolls everything back.
 * The `tx` it gets is itself a `Db`, so every store function works on it unchanged. Called
 * with a `tx` already, it runs `fn` in that same transaction (no savepoint).
 *
 * SQLite: `begin immediate` under Kysely's connection lock, so writers in one process queue
 * on the lock and two processes on one file serialise on the write lock (busy_timeout).
 * PostgreSQL: one pooled client for the whole transaction; Kysely queries and the COPY bulk path
 * share it. A transaction that loses a deadlock (40P01) or a serialization check (40001) is
 * rolled back and `fn` runs again (a few times, short jittered backoff), so such a conflict never
 * reaches the caller as an error; writers also take row locks in key order (the dialect's
 * primitives sort rows by key), which keeps deadlocks rare in the first place.
 *
 * Inside `fn`, use `tx`, never the outer `db`: on SQLite the outer handle waits for the lock
 * this transaction holds (a deadlock), on PostgreSQL it is another connection outside it. Keep
 * `fn` to database work: while it runs, SQLite serves no other query of this process, and on
 * PostgreSQL it may run more than once.
 */
export async function withTransaction<T>(db: Db, fn: (tx: Db) => Promise<T>): Promise<T> {
  if (db.driver.inTransaction) return fn(db);
  return db.driver.transaction(({ kysely, driver }) =>
    fn({ dialect: db.dialect, kysely, driver, location: db.location }),
  );
}
