import { HoldfastError } from "../core/errors.ts";
import {
  type Grain,
  type ImportProgress,
  type RavenstackRows,
  readRavenstack,
} from "../ingest/ravenstack/import-ravenstack.ts";
import type { RavenstackSources } from "../ingest/ravenstack/sources.ts";
import type { RavenstackTable } from "../ingest/ravenstack/tables.ts";
import { appendAudit } from "../store/audit.ts";
import { recordImport } from "../store/imports.ts";
import { hasMrrLog, rebuildImportedMrrLog } from "../store/mrr-changes.ts";
import { findOrg } from "../store/orgs.ts";
import { withTransaction } from "../store/transaction.ts";
import { writeBatch } from "../store/write-batch.ts";
import { enqueueHistoryBackfill } from "./backfill-history.ts";
import type { UseCaseContext } from "./context.ts";
import { ensureOrgIn } from "./ensure-org.ts";
import { type RefreshSummary, refreshOrg } from "./refresh-org.ts";
import { refuseImport } from "./refuse-import.ts";

export { GRAINS, type Grain, type ImportProgress } from "../ingest/ravenstack/import-ravenstack.ts";

export interface ImportRavenstackOptions {
  grain: Grain;
  /** What to call the input in the history (a path or "upload: ..."). */
  source: string;
  actor: string;
  /** Refresh every score of the org after an import that changed data (default true). */
  refresh?: boolean | undefined;
  onProgress?: ((p: ImportProgress) => void) | undefined;
  /** How many error lines to keep (the rest are counted). */
  errorCap?: number | undefined;
}

/** An org by slug: imported into when it exists, else created in the import's transaction. */
export interface NewOrg {
  slug: string;
  name?: string | undefined;
}

export interface ImportRavenstackSummary {
  orgId: number;
  importId: number;
  status: "imported" | "unchanged";
  grain: Grain;
  /** Rows read per file. */
  rowsRead: Record<RavenstackTable, number>;
  /** Rows new or changed per store table. */
  written: Record<string, number>;
  customers: number;
  seconds: { read: number; write: number };
  /** The refresh that followed (null: nothing changed, or refresh was off). */
  refresh: RefreshSummary | null;
}

/**
 * Imports the five RavenStack CSVs into an org. Every value is validated before anything is
 * written; any error refuses the whole import, which is still kept in the history. The rows,
 * the history entry and the audit entry are written in one transaction (upserts: importing
 * identical data again changes nothing), then every score of the org is refreshed.
 */
export async function importRavenstack(
  ctx: UseCaseContext,
  into: number | NewOrg,
  sources: RavenstackSources,
  opts: ImportRavenstackOptions,
): Promise<ImportRavenstackSummary> {
  const startedAt = ctx.now();
  const t0 = performance.now();
  // An org given by slug that does not exist yet is created with the data, in its transaction.
  const existing = typeof into === "number" ? into : (await findOrg(ctx.db, into.slug))?.id;
  const read = await readRavenstack(sources, {
    grain: opts.grain,
    onProgress: opts.onProgress,
    errorCap: opts.errorCap,
  });
  if (!read.ok && existing === undefined) {
    // No org to keep the refusal in: nothing at all is written.
    const n = read.errorCount;
    throw new HoldfastError(
      "import_failed",
      `Import refused: ${n.toLocaleString("en-US")} error${n === 1 ? "" : "s"}; nothing was written`,
      { details: read.errors },
    );
  }
  if (!read.ok) {
    throw await refuseImport(ctx, existing!, {
      kind: "ravenstack",
      source: opts.source,
      grain: opts.grain,
      actor: opts.actor,
      startedAt,
      errors: read.errors,
      errorCount: read.errorCount,
    });
  }
  const tRead = performance.now();
  const { totalBytes } = read;
  const counts = (written: Record<string, number>) => ({
    rows_read: read.rowsRead,
    written,
    customers: read.customerIds.length,
    grain: opts.grain,
  });
  const { orgId, importId, status, written } = await withTransaction(ctx.db, async (tx) => {
    const orgId =
      typeof into === "number"
        ? into
        : (await ensureOrgIn(tx, ctx.now(), into.slug, { name: into.name, actor: opts.actor })).id;
    const written = await writeBatch(tx, orgId, read.rows satisfies RavenstackRows, (table) =>
      opts.onProgress?.({ phase: "write", name: table, bytes: totalBytes, totalBytes }),
    );
    const changed = Object.values(written).reduce((a, b) => a + b, 0);
    // The MRR log of the imported customers, rebuilt from their subscription spans (revenue
    // retention); a re-import of unchanged data backfills it for a store that predates the log.
    if (changed > 0 || !(await hasMrrLog(tx, orgId))) await rebuildImportedMrrLog(tx, orgId);
    const status = changed === 0 ? ("unchanged" as const) : ("imported" as const);
    const importId = await recordImport(tx, orgId, {
      kind: "ravenstack",
      source: opts.source,
      grain: opts.grain,
      status,
      startedAt,
      finishedAt: ctx.now(),
      counts: counts(written),
      errorCount: 0,
    });
    await appendAudit(tx, orgId, ctx.now(), {
      actor: opts.actor,
      action: "import.ravenstack",
      subject: `import:${importId}`,
      detail: { source: opts.source, status, ...counts(written) },
    });
    if (status === "imported") await enqueueHistoryBackfill(tx, orgId, ctx.now(), `import:${importId}`);
    return { orgId, importId, status, written };
  });
  const tWrite = performance.now();
  const refresh =
    status === "imported" && opts.refresh !== false
      ? await refreshOrg(ctx, orgId, "import", { actor: opts.actor })
      : null;
  return {
    orgId,
    importId,
    status,
    grain: opts.grain,
    rowsRead: read.rowsRead,
    written,
    customers: read.customerIds.length,
    seconds: { read: (tRead - t0) / 1000, write: (tWrite - tRead) / 1000 },
    refresh,
  };
}
