import { createHash } from "node:crypto";
import type { HoldfastConfig } from "../core/config.ts";
import { computeScores } from "../core/scores/index.ts";
import type { Db } from "../store/open-store.ts";
import { clearRecomputes, pendingRecomputes } from "../store/recompute-requests.ts";
import { type Catalog, customerIdPage, loadCatalog, loadScoreInputs } from "../store/score-inputs.ts";
import { type ScoreSetRow, saveScoreSets, type TransitionRow } from "../store/score-sets.ts";

/** Customers per load-compute-save step of a full recompute (bounded memory at any org size). */
const PAGE = 2_000;

export interface RecomputeSummary {
  asOf: string;
  customers: number;
  transitions: number;
  ms: number;
}

function scoresConfigHash(config: HoldfastConfig): string {
  return createHash("sha256").update(JSON.stringify(config.scores)).digest("hex").slice(0, 12);
}

async function scoreIds(
  db: Db,
  orgId: number,
  ids: readonly string[],
  asOf: string,
  catalog: Catalog,
  config: HoldfastConfig,
  now: Date,
): Promise<number> {
  const inputs = await loadScoreInputs(db, orgId, ids, asOf, catalog);
  const rows: ScoreSetRow[] = [];
  const transitions: TransitionRow[] = [];
  for (const input of inputs) {
    const { results, transition } = computeScores(input, asOf, config.scores);
    for (const r of Object.values(results)) {
      rows.push({
        customerId: input.customerId,
        arr: input.profile.arr,
        kind: r.kind,
        score: r.score,
        level: r.level,
        signals: r.signals,
        detail: r.detail,
      });
    }
    if (transition) transitions.push({ customerId: input.customerId, day: asOf, ...transition });
  }
  await saveScoreSets(db, orgId, asOf, scoresConfigHash(config), now, rows, transitions);
  return transitions.length;
}

/** Recomputes every score kind of every customer of the org as of `asOf`, a page at a time. */
export async function recomputeOrg(
  db: Db,
  orgId: number,
  asOf: string,
  config: HoldfastConfig,
  now: () => Date,
  onProgress?: (done: number) => void,
): Promise<RecomputeSummary> {
  const started = performance.now();
  const catalog = await loadCatalog(db, orgId);
  let after: string | null = null;
  let customers = 0;
  let transitions = 0;
  for (;;) {
    const ids = await customerIdPage(db, orgId, after, PAGE);
    if (ids.length === 0) break;
    transitions += await scoreIds(db, orgId, ids, asOf, catalog, config, now());
    customers += ids.length;
    after = ids[ids.length - 1]!;
    onProgress?.(customers);
  }
  return { asOf, customers, transitions, ms: Math.round(performance.now() - started) };
}

/** Recomputes the listed customers (each on its own: they may be far apart in id order). */
export async function recomputeCustomers(
  db: Db,
  orgId: number,
  ids: readonly string[],
  asOf: string,
  config: HoldfastConfig,
  now: () => Date,
): Promise<RecomputeSummary> {
  const started = performance.now();
  const catalog = await loadCatalog(db, orgId);
  let transitions = 0;
  for (const id of ids) transitions += await scoreIds(db, orgId, [id], asOf, catalog, config, now());
  return { asOf, customers: ids.length, transitions, ms: Math.round(performance.now() - started) };
}

/** Serves waiting recompute requests (usage drops, lifecycle changes), oldest first. */
export async function drainRecomputeRequests(
  db: Db,
  orgId: number,
  asOf: string,
  config: HoldfastConfig,
  now: () => Date,
  limit = 1_000,
): Promise<{ served: string[] }> {
  const pending = await pendingRecomputes(db, orgId, limit);
  if (pending.length === 0) return { served: [] };
  const servedBefore = pending
    .map((p) => p.requested_at)
    .sort()
    .at(-1)!;
  const ids = pending.map((p) => p.customer_id);
  await recomputeCustomers(db, orgId, ids, asOf, config, now);
  await clearRecomputes(db, orgId, ids, servedBefore);
  return { served: ids };
}
