import type { HoldfastConfig } from "../core/config.ts";
import { dayOf } from "../core/util/dates.ts";
import type { Db } from "../store/open-store.ts";
import { listOrgs } from "../store/orgs.ts";
import { claimDailyRun, recordRunDetail } from "../store/scheduler-runs.ts";
import { rescoreOrg } from "./early-warning.ts";
import { drainRecomputeRequests, recomputeOrg } from "./recompute.ts";

export const DAILY_JOB = "daily_recompute";

export interface TickReport {
  daily: { orgId: number; customers: number; ms: number }[];
  served: { orgId: number; customers: string[] }[];
}

export interface Scheduler {
  /** One pass: the daily recompute of each org not yet done today, then waiting requests. */
  tick(): Promise<TickReport>;
  /** Runs `tick` every `intervalMs`, never two at once. */
  start(intervalMs?: number): void;
  /** Asks for a tick soon (after an ingest queued recomputes). */
  poke(): void;
  stop(): Promise<void>;
}

/**
 * Recomputes every customer's scores at least daily, as of the clock's day, and serves
 * out-of-schedule requests (API-call drops, lifecycle changes) as soon as they are queued.
 * The clock is injected, so scenario tests and replays drive it.
 */
export function createScheduler(deps: {
  db: Db;
  config: HoldfastConfig;
  now: () => Date;
  log?: (msg: string) => void;
  /** The orgs to serve (default: every org in the store). */
  orgs?: () => Promise<readonly { id: number; slug: string }[]>;
}): Scheduler {
  const { db, config, now } = deps;
  let running: Promise<TickReport> | null = null;
  let timer: NodeJS.Timeout | null = null;
  let again = false;

  async function tickOnce(): Promise<TickReport> {
    const report: TickReport = { daily: [], served: [] };
    const today = dayOf(now());
    for (const org of await (deps.orgs ?? (() => listOrgs(db)))()) {
      if (await claimDailyRun(db, org.id, DAILY_JOB, today, now())) {
        const s = await recomputeOrg(db, org.id, today, config, now);
        await rescoreOrg(db, org.id, { config, actor: "scheduler", now });
        await recordRunDetail(db, org.id, DAILY_JOB, {
          customers: s.customers,
          ms: s.ms,
          transitions: s.transitions,
        });
        report.daily.push({ orgId: org.id, customers: s.customers, ms: s.ms });
        deps.log?.(`daily recompute of org ${org.slug}: ${s.customers} customers in ${s.ms} ms`);
      }
      const { served } = await drainRecomputeRequests(db, org.id, today, config, now);
      if (served.length > 0) report.served.push({ orgId: org.id, customers: served });
    }
    return report;
  }

  function tick(): Promise<TickReport> {
    if (running) {
      again = true;
      return running;
    }
    running = tickOnce().finally(() => {
      running = null;
      if (again) {
        again = false;
        void tick().catch((e) => deps.log?.(`scheduler tick failed: ${(e as Error).message}`));
      }
    });
    return running;
  }

  const safeTick = () =>
    void tick().catch((e) => deps.log?.(`scheduler tick failed: ${(e as Error).message}`));
  return {
    tick,
    start(intervalMs = 60_000) {
      if (timer) return;
      timer = setInterval(safeTick, intervalMs);
      timer.unref();
      safeTick();
    },
    poke: safeTick,
    async stop() {
      if (timer) clearInterval(timer);
      timer = null;
      await running?.catch(() => {});
    },
  };
}
