import { randomUUID } from "node:crypto";
import type { HoldfastConfig } from "../core/config.ts";
import type { TicketsConfig } from "../core/tickets/config.ts";
import type { Db } from "../store/open-store.ts";
import { analyzeStoredTickets } from "./analyze-tickets.ts";
import { rescoreOrg } from "./early-warning.ts";
import { createTicketAnalyzer } from "./ticket-analyzer.ts";

export interface RunState {
  id: string;
  orgId: number;
  status: "running" | "done" | "cancelled" | "failed";
  analyzer: string;
  done: number;
  total: number;
  analyzed: number;
  errors: number;
  timeouts: number;
  started_at: string;
  finished_at: string | null;
  message: string | null;
  abort: AbortController;
}

/**
 * Batch analyses started from the dashboard, tracked in this process (progress and cancel).
 * With several API processes on PostgreSQL, a run is visible on the process that started it.
 */
export class AnalysisRuns {
  private readonly runs = new Map<string, RunState>();

  start(
    db: Db,
    orgId: number,
    config: HoldfastConfig,
    overrides: Partial<TicketsConfig>,
    now: () => Date,
  ): RunState {
    const cfg = { ...config.tickets, ...overrides };
    const analyzer = createTicketAnalyzer(cfg);
    const run: RunState = {
      id: randomUUID(),
      orgId,
      status: "running",
      analyzer: analyzer.name,
      done: 0,
      total: 0,
      analyzed: 0,
      errors: 0,
      timeouts: 0,
      started_at: now().toISOString(),
      finished_at: null,
      message: null,
      abort: new AbortController(),
    };
    this.runs.set(run.id, run);
    void (async () => {
      try {
        const r = await analyzeStoredTickets(db, orgId, analyzer, {
          limit: cfg.batchLimit,
          concurrency: cfg.concurrency,
          now,
          signal: run.abort.signal,
          onProgress: (done, total) => {
            run.done = done;
            run.total = total;
          },
        });
        Object.assign(run, { analyzed: r.analyzed, errors: r.errors, timeouts: r.timeouts, total: r.total });
        await rescoreOrg(db, orgId, { config, actor: `analysis-run:${run.id}`, now });
        run.status = r.cancelled ? "cancelled" : "done";
      } catch (e) {
        run.status = "failed";
        run.message = (e as Error).message;
      } finally {
        run.finished_at = now().toISOString();
      }
    })();
    return run;
  }

  get(orgId: number, id: string): RunState | undefined {
    const r = this.runs.get(id);
    return r && r.orgId === orgId ? r : undefined;
  }

  cancel(orgId: number, id: string): RunState | undefined {
    const r = this.get(orgId, id);
    r?.abort.abort();
    return r;
  }
}

export const publicRun = ({ abort: _a, orgId: _o, ...rest }: RunState) => rest;
