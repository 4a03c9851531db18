import fs from "node:fs";
import path from "node:path";
import { unzipSync } from "fflate";
import type { CsvSource } from "./read-csv.ts";

const CHUNK = 1 << 20;

export function fileSource(file: string, name = path.basename(file)): CsvSource {
  return {
    name,
    async *chunks() {
      for await (const c of fs.createReadStream(file, { highWaterMark: CHUNK })) yield c as Uint8Array;
    },
  };
}

export function bufferSource(name: string, bytes: Uint8Array): CsvSource {
  return {
    name,
    async *chunks() {
      for (let i = 0; i < bytes.length; i += CHUNK) yield bytes.subarray(i, i + CHUNK);
    },
  };
}

/** Every .csv inside a zip, by base name (folders inside the zip are ignored). */
export function zipSources(bytes: Uint8Array, zipName: string): Map<string, CsvSource> {
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(bytes, {
      filter: (f) => f.name.toLowerCase().endsWith(".csv") && !f.name.includes("__MACOSX"),
    });
  } catch (e) {
    throw new Error(`${zipName}: not a readable zip archive (${(e as Error).message})`);
  }
  const out = new Map<string, CsvSource>();
  for (const [entry, data] of Object.entries(entries)) {
    const base = path.posix.basename(entry);
    out.set(base, bufferSource(`${zipName}:${base}`, data));
  }
  return out;
}
