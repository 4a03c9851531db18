import { randomUUID } from "node:crypto";
import os from "node:os";
import { DEFAULT_RETRY, isExhausted, type RetryPolicy, retryDelayMs } from "../core/jobs/retry.ts";
import type { UseCaseContext } from "../usecases/context.ts";
import type { JobHandlers } from "../usecases/job-handlers.ts";
import { type Job, queue } from "../usecases/jobs.ts";

export interface WorkerOptions {
  ctx: UseCaseContext;
  handlers: JobHandlers;
  /** Jobs run at once (default 1). */
  concurrency?: number | undefined;
  /** How long a claim holds without a heartbeat (default 5 minutes). */
  leaseMs?: number | undefined;
  /** Wait between claims when the queue is empty (default 1 s). */
  pollMs?: number | undefined;
  retry?: RetryPolicy | undefined;
  random?: (() => number) | undefined;
  workerId?: string | undefined;
  /** Run only this org's jobs (a worker dedicated to one tenant; tests). */
  orgId?: number | undefined;
}

export interface Worker {
  readonly id: string;
  /** Claims and runs jobs until `stop`. */
  start(): void;
  /** Stops claiming; resolves when the jobs in hand have ended. */
  stop(): Promise<void>;
  /** Claims at once (after an enqueue in this process) instead of waiting for the next poll. */
  wake(): void;
  /** Runs jobs until none is queued or running anywhere; returns how many this worker ran. */
  runUntilIdle(): Promise<number>;
}

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    const t = setTimeout(resolve, ms);
    signal?.addEventListener("abort", () => {
      clearTimeout(t);
      resolve();
    });
  });

/**
 * Runs queued jobs: claims up to `concurrency` under a lease, keeps each lease alive with a
 * heartbeat (which also carries progress and notices cancellation), and ends each job done,
 * cancelled, queued again after an exponential backoff with jitter, or dead with its error.
 * A worker that dies leaves its jobs to the others once the lease expires.
 */
export function createWorker(o: WorkerOptions): Worker {
  const ctx = o.ctx;
  const id = o.workerId ?? `${os.hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const concurrency = Math.max(1, o.concurrency ?? 1);
  const leaseMs = o.leaseMs ?? 300_000;
  const pollMs = o.pollMs ?? 1_000;
  const retry = o.retry ?? DEFAULT_RETRY;
  const random = o.random ?? Math.random;
  const inFlight = new Set<Promise<void>>();
  let running = false;
  let loop: Promise<void> | null = null;
  let wakeUp = new AbortController();
  let ran = 0;

  async function runJob(job: Job): Promise<void> {
    const handler = o.handlers[job.kind];
    if (!handler) {
      await queue.finish(ctx, job.id, id, { status: "dead", error: `no handler for job kind "${job.kind}"` });
      return;
    }
    const abort = new AbortController();
    let cancelled = job.cancelRequested;
    let lost = false;
    let progress: unknown;
    if (cancelled) abort.abort();
    const beat = setInterval(
      () => {
        void queue
          .heartbeat(ctx, job.id, id, leaseMs, progress)
          .then((h) => {
            if (!h.held) lost = true;
            if (h.cancelRequested) cancelled = true;
            if (lost || cancelled) abort.abort();
          })
          .catch((e) => ctx.log?.(`job ${job.id}: heartbeat failed: ${(e as Error).message}`));
      },
      Math.max(50, Math.min(leaseMs / 3, 2_000)),
    );
    try {
      const result = await handler({
        ctx,
        job,
        signal: abort.signal,
        progress: (p) => {
          progress = p;
        },
      });
      clearInterval(beat);
      if (lost) return;
      await queue.finish(ctx, job.id, id, {
        status: cancelled ? "cancelled" : "done",
        result: result ?? null,
      });
    } catch (e) {
      clearInterval(beat);
      if (lost) return;
      const error = e instanceof Error ? e.message : String(e);
      if (cancelled) {
        await queue.finish(ctx, job.id, id, { status: "cancelled", result: { error } });
      } else if (isExhausted(job.attempts, job.maxAttempts)) {
        ctx.log?.(`job ${job.id} (${job.kind}) is dead after ${job.attempts} attempts: ${error}`);
        await queue.finish(ctx, job.id, id, { status: "dead", error });
      } else {
        const retryAt = new Date(ctx.now().getTime() + retryDelayMs(job.attempts, retry, random));
        await queue.finish(ctx, job.id, id, { status: "queued", error, retryAt });
      }
    } finally {
      ran++;
    }
  }

  function launch(job: Job): void {
    const p = runJob(job)
      .catch((e) => ctx.log?.(`job ${job.id}: ${(e as Error).message}`))
      .finally(() => {
        inFlight.delete(p);
        wakeUp.abort();
      });
    inFlight.add(p);
  }

  /** Claims what fits; returns how many jobs were claimed. */
  async function claimOnce(): Promise<number> {
    const free = concurrency - inFlight.size;
    if (free <= 0) return 0;
    const jobs = await queue.claim(ctx, id, free, leaseMs, o.orgId);
    for (const job of jobs) launch(job);
    return jobs.length;
  }

  async function waitForWork(): Promise<void> {
    wakeUp = new AbortController();
    await sleep(pollMs, wakeUp.signal);
  }

  async function mainLoop(): Promise<void> {
    while (running) {
      let claimed = 0;
      try {
        claimed = await claimOnce();
      } catch (e) {
        ctx.log?.(`worker ${id}: claim failed: ${(e as Error).message}`);
      }
      if (claimed === 0 || inFlight.size >= concurrency) await waitForWork();
    }
    await Promise.all(inFlight);
  }

  return {
    id,
    start() {
      if (running) return;
      running = true;
      loop = mainLoop();
    },
    async stop() {
      running = false;
      wakeUp.abort();
      await loop;
      loop = null;
    },
    wake() {
      wakeUp.abort();
    },
    async runUntilIdle() {
      const before = ran;
      for (;;) {
        const claimed = await claimOnce();
        if (claimed > 0 && inFlight.size < concurrency) continue;
        if (inFlight.size > 0) {
          await Promise.race(inFlight);
          continue;
        }
        if (!(await queue.unfinished(ctx, o.orgId))) return ran - before;
        await waitForWork();
      }
    },
  };
}
