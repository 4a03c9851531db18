import fs from "node:fs";
import path from "node:path";
import { Unzip, type UnzipFile, UnzipInflate, UnzipPassThrough } from "fflate";
import { HoldfastError } from "../../core/errors.ts";
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

/**
 * Limits on what a zip may expand to, checked while it is decompressed (never after): a zip
 * bomb is refused after a few MiB of output, and nothing is kept of it.
 */
export const ZIP_LIMITS = {
  /** Entries in the archive (folders and skipped files included). */
  entries: 64,
  /** Uncompressed bytes of one entry. */
  entryBytes: 1024 * 2 ** 20,
  /** Uncompressed bytes of every entry together. */
  totalBytes: 2048 * 2 ** 20,
  /** Uncompressed bytes per compressed byte, once an entry or the archive is past `ratioFloorBytes`. */
  ratio: 200,
  /** Output below this size is never refused for its ratio (small files compress very well). */
  ratioFloorBytes: 2 ** 20,
} as const;
export type ZipLimits = { [K in keyof typeof ZIP_LIMITS]: number };

/** Compressed bytes handed to the decompressor at a time: bounds the output of one step (~1000x). */
const ZIP_STEP = 16 * 1024;

const mib = (n: number) => `${Math.round((n / 2 ** 20) * 10) / 10} MiB`;

function zipLimit(zipName: string, limit: string, message: string): HoldfastError {
  return new HoldfastError("limit_exceeded", `${zipName}: ${message}; nothing was written`, {
    details: [`limit: ${limit}`],
  });
}

/**
 * Every .csv inside a zip, by base name (folders inside the zip are ignored). The archive is read
 * as a stream, a step at a time, and refused (limit_exceeded) as soon as it passes a limit of
 * `ZIP_LIMITS`: entry count, uncompressed size of one entry or of all, compression ratio.
 */
export function zipSources(
  bytes: Uint8Array,
  zipName: string,
  limits: ZipLimits = ZIP_LIMITS,
): Map<string, CsvSource> {
  const chunksOf = new Map<string, Uint8Array[]>();
  let refusal: Error | undefined;
  let entries = 0;
  let total = 0;
  let pushed = 0;
  const open: UnzipFile[] = [];
  const refuse = (e: Error) => {
    refusal ??= e;
    for (const f of open) f.terminate();
  };
  const unzip = new Unzip((file) => {
    if (refusal) return;
    entries++;
    if (entries > limits.entries) {
      refuse(
        zipLimit(zipName, `entries ${limits.entries}`, `more than ${limits.entries} entries in the archive`),
      );
      return;
    }
    const wanted = file.name.toLowerCase().endsWith(".csv") && !file.name.includes("__MACOSX");
    if (!wanted) return;
    // Declared sizes may lie (they are checked again against the real output), but a declared
    // bomb is refused before any byte is inflated.
    if (file.originalSize !== undefined && file.originalSize > limits.entryBytes) {
      refuse(entryTooLarge(file.name));
      return;
    }
    if (
      file.size !== undefined &&
      file.size > 0 &&
      file.originalSize !== undefined &&
      file.originalSize > limits.ratioFloorBytes &&
      file.originalSize / file.size > limits.ratio
    ) {
      refuse(ratioTooHigh(file.name));
      return;
    }
    const base = path.posix.basename(file.name);
    const chunks: Uint8Array[] = [];
    chunksOf.set(base, chunks);
    let size = 0;
    open.push(file);
    file.ondata = (err, data, final) => {
      if (refusal) return;
      if (err) {
        refuse(unreadable(err.message));
        return;
      }
      size += data.length;
      total += data.length;
      if (size > limits.entryBytes) return refuse(entryTooLarge(file.name));
      if (total > limits.totalBytes) {
        return refuse(
          zipLimit(
            zipName,
            `totalBytes ${limits.totalBytes}`,
            `the archive expands to more than ${mib(limits.totalBytes)} in all`,
          ),
        );
      }
      if (total > limits.ratioFloorBytes && total / Math.max(1, pushed) > limits.ratio) {
        return refuse(ratioTooHigh(file.name));
      }
      if (data.length > 0) chunks.push(data);
      if (final) open.splice(open.indexOf(file), 1);
    };
    try {
      file.start();
    } catch (e) {
      refuse(unreadable(`${file.name}: ${(e as Error).message}`));
    }
  });
  const entryTooLarge = (name: string) =>
    zipLimit(
      zipName,
      `entryBytes ${limits.entryBytes}`,
      `${name} expands to more than ${mib(limits.entryBytes)}`,
    );
  const ratioTooHigh = (name: string) =>
    zipLimit(
      zipName,
      `ratio ${limits.ratio}`,
      `${name} expands more than ${limits.ratio} times its compressed size (a zip bomb?)`,
    );
  const unreadable = (why: string) =>
    new HoldfastError("import_failed", `${zipName}: not a readable zip archive (${why})`);
  unzip.register(UnzipInflate);
  unzip.register(UnzipPassThrough); // stored (uncompressed) entries
  try {
    for (let i = 0; i < bytes.length && !refusal; i += ZIP_STEP) {
      const step = bytes.subarray(i, i + ZIP_STEP);
      pushed += step.length;
      unzip.push(step, i + ZIP_STEP >= bytes.length);
    }
  } catch (e) {
    refusal ??= unreadable((e as Error).message);
  }
  if (refusal) throw refusal;
  if (entries === 0) throw unreadable("no entries found");
  const out = new Map<string, CsvSource>();
  for (const [base, chunks] of chunksOf) {
    out.set(base, {
      name: `${zipName}:${base}`,
      async *chunks() {
        yield* chunks;
      },
    });
  }
  return out;
}
