import { HoldfastError } from "../core/errors.ts";
import { appendAudit } from "../store/audit.ts";
import { recordImport } from "../store/imports.ts";
import { withTransaction } from "../store/transaction.ts";
import type { UseCaseContext } from "./context.ts";

export interface RefusedImport {
  kind: "ravenstack" | "tickets";
  source: string;
  grain: string | null;
  actor: string;
  startedAt: Date;
  /** The errors as file:line: column: reason, up to a cap, then a count of the rest. */
  errors: readonly string[];
  errorCount: number;
}

/**
 * Keeps a refused import in the history (nothing of its data was written) and returns the
 * error to throw: "Import refused: N errors; nothing was written" with every error line.
 */
export async function refuseImport(
  ctx: UseCaseContext,
  orgId: number,
  r: RefusedImport,
): Promise<HoldfastError> {
  await withTransaction(ctx.db, async (tx) => {
    const importId = await recordImport(tx, orgId, {
      kind: r.kind,
      source: r.source,
      grain: r.grain,
      status: "refused",
      startedAt: r.startedAt,
      finishedAt: ctx.now(),
      errors: r.errors,
      errorCount: r.errorCount,
    });
    await appendAudit(tx, orgId, ctx.now(), {
      actor: r.actor,
      action: `import.${r.kind}.refused`,
      subject: `import:${importId}`,
      detail: { source: r.source, error_count: r.errorCount },
    });
  });
  const n = r.errorCount;
  return new HoldfastError(
    "import_failed",
    `Import refused: ${n.toLocaleString("en-US")} error${n === 1 ? "" : "s"}; nothing was written`,
    { details: r.errors },
  );
}
