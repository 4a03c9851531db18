import { listImports as importRows } from "../store/imports.ts";
import type { UseCaseContext } from "./context.ts";

/** The org's import history, newest first, refused imports included (with their errors). */
export async function listImports(ctx: UseCaseContext, orgId: number, limit = 50) {
  return (await importRows(ctx.db, orgId, limit)).map((r) => ({
    id: r.id,
    kind: r.kind,
    source: r.source,
    grain: r.grain,
    status: r.status,
    started_at: r.started_at,
    finished_at: r.finished_at,
    counts: r.counts ? (JSON.parse(r.counts) as unknown) : null,
    errors: r.errors ? (JSON.parse(r.errors) as string[]) : null,
    error_count: r.error_count,
  }));
}
