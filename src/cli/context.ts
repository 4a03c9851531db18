import fs from "node:fs";
import { readEnv } from "../config/env.ts";
import { type HoldfastConfig, parseConfig } from "../core/config.ts";
import { HoldfastError } from "../core/errors.ts";
import { closeDb, type Db, DEFAULT_SQLITE_PATH, openDb } from "../store/open-store.ts";
import { listOrgs, type Org, requireOrg } from "../store/orgs.ts";
import type { UseCaseContext } from "../usecases/context.ts";

export interface DbOption {
  db?: string;
}

export interface ContextOptions extends DbOption {
  /** Scoring config file (JSON, merged over the defaults). */
  config?: string;
}

/** `--db FILE` picks a SQLite file; otherwise DATABASE_URL (PostgreSQL), HOLDFAST_DB, or the default file. */
export async function openFromOptions(o: DbOption): Promise<Db> {
  const env = readEnv();
  if (o.db) return openDb({ sqlitePath: o.db });
  return openDb({ databaseUrl: env.databaseUrl, sqlitePath: env.sqlitePath ?? DEFAULT_SQLITE_PATH });
}

/** Closes a store opened by `openFromOptions` (the SQLite file or the PostgreSQL pool). */
export async function closeStore(db: Db): Promise<void> {
  await closeDb(db);
}

/**
 * The CLI's composition root: reads the config file (before touching the store, so a bad
 * config writes nothing), opens the store, runs `fn` with the use-case context (system clock),
 * and closes the store whatever happens.
 */
export async function withContext<T>(
  o: ContextOptions,
  fn: (ctx: UseCaseContext) => Promise<T>,
  extra: { log?: (msg: string) => void } = {},
): Promise<T> {
  const defaults = loadConfig(o.config);
  const db = await openFromOptions(o);
  try {
    return await fn({ db, defaults, now: systemClock, log: extra.log });
  } finally {
    await closeStore(db);
  }
}

/** The named org, or the only org in the store when none is named. */
export async function resolveOrg(ctx: UseCaseContext, slug: string | undefined): Promise<Org> {
  const { db } = ctx;
  if (slug) return requireOrg(db, slug);
  const orgs = await listOrgs(db);
  if (orgs.length === 1) return orgs[0]!;
  if (orgs.length === 0)
    throw new HoldfastError(
      "not_found",
      "the store has no org yet; run `holdfast import ravenstack <dir>` first",
    );
  throw new HoldfastError(
    "invalid_input",
    `the store has several orgs; name one with --org (${orgs.map((o) => o.slug).join(", ")})`,
  );
}

export function loadConfig(file: string | undefined): HoldfastConfig {
  if (!file) return parseConfig({});
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (e) {
    throw new HoldfastError(
      "invalid_config",
      `${file}: cannot read (${(e as NodeJS.ErrnoException).code ?? e})`,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new HoldfastError("invalid_config", `${file}: not valid JSON (${(e as Error).message})`);
  }
  return parseConfig(json, file);
}

export const systemClock = (): Date => new Date();
