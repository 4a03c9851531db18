import fs from "node:fs";
import path from "node:path";
import { HoldfastError } from "../../core/errors.ts";
import type { CsvSource } from "../csv/read-csv.ts";
import { bufferSource, fileSource, zipSources } from "../csv/sources.ts";
import { fileNameOf, RAVENSTACK_TABLES, type RavenstackTable } from "./tables.ts";

export type RavenstackSources = Map<RavenstackTable, CsvSource & { size?: number }>;

/** Accepts `ravenstack_accounts.csv` or plain `accounts.csv` for each table. */
function pick(names: Iterable<string>, table: RavenstackTable): string | undefined {
  const wanted = [fileNameOf(table), `${table}.csv`];
  for (const n of names) if (wanted.includes(n.toLowerCase())) return n;
  return undefined;
}

function requireAll<T>(where: string, found: Map<RavenstackTable, T>): Map<RavenstackTable, T> {
  const missing = RAVENSTACK_TABLES.filter((t) => !found.has(t));
  if (missing.length > 0) {
    throw new HoldfastError("import_failed", `${where}: the RavenStack import needs five CSV files`, {
      details: missing.map((t) => `${where}: missing ${fileNameOf(t)}`),
    });
  }
  return found;
}

/** Files from uploaded bytes, by file name: five CSVs or one zip holding them. */
export function ravenstackSourcesFromUploads(files: ReadonlyMap<string, Uint8Array>): RavenstackSources {
  const entries = new Map<string, CsvSource & { size?: number }>();
  for (const [name, bytes] of files) {
    if (name.toLowerCase().endsWith(".zip")) {
      for (const [base, src] of zipSources(bytes, name)) entries.set(base, src);
    } else {
      entries.set(path.basename(name), { ...bufferSource(path.basename(name), bytes), size: bytes.length });
    }
  }
  const found = new Map<RavenstackTable, CsvSource & { size?: number }>();
  for (const t of RAVENSTACK_TABLES) {
    const n = pick(entries.keys(), t);
    if (n) found.set(t, entries.get(n)!);
  }
  return requireAll("upload", found);
}

/** A folder holding the five files, or a .zip of them. */
export function ravenstackSourcesFromPath(p: string): RavenstackSources {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(p);
  } catch {
    throw new HoldfastError("import_failed", `${p}: no such file or folder`);
  }
  if (stat.isFile()) {
    if (!p.toLowerCase().endsWith(".zip")) {
      throw new HoldfastError(
        "import_failed",
        `${p}: give a folder holding the five CSV files, or a .zip of them`,
      );
    }
    return ravenstackSourcesFromUploads(new Map([[path.basename(p), fs.readFileSync(p)]]));
  }
  const names = fs.readdirSync(p);
  const found = new Map<RavenstackTable, CsvSource & { size?: number }>();
  for (const t of RAVENSTACK_TABLES) {
    const n = pick(names, t);
    if (n) {
      const file = path.join(p, n);
      found.set(t, { ...fileSource(file, n), size: fs.statSync(file).size });
    }
  }
  return requireAll(p, found);
}
