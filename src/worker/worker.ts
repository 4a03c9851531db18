import { randomUUID } from "node:crypto";
import os from "node:os";
import { DEFAULT_RETRY, isExhausted, type RetryPolicy, retryDelayMs } from "../core/jobs/retry.ts";
import type { UseCaseContext } from "../usecases/context.ts";
import type { JobHandlers } from "../usecases/job-handlers.ts";
import { type Job, queue } from "../usecases/jobs.ts";
import { recordJob } from "../usecases/metrics.ts";

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
  /**
   * Stops claiming; resolves when the jobs in hand have ended. With `timeoutMs`, jobs still
   * running then are aborted and given back (queued again, their attempt not counted) instead
   * of being waited for; resolves with the ids given back.
   */
  stop(opts?: { timeoutMs?: number | undefined }): Promise<{ released: number[] }>;
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
  /** The jobs running now, with what a shutdown needs to give them back. */
  const held = new Map<number, { abort: AbortController; released: boolean }>();
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
    const hold = { abort, released: false };
    held.set(job.id, hold);
    const started = performance.now();
    let outcome = "lost";
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
      if (hold.released) outcome = "released";
      if (lost || hold.released) return;
      outcome = cancelled ? "cancelled" : "done";
      await queue.finish(ctx, job.id, id, {
        status: cancelled ? "cancelled" : "done",
        result: result ?? null,
      });
    } catch (e) {
      clearInterval(beat);
      if (hold.released) outcome = "released";
      if (lost || hold.released) return;
      const error = e instanceof Error ? e.message : String(e);
      if (cancelled) {
        outcome = "cancelled";
        await queue.finish(ctx, job.id, id, { status: "cancelled", result: { error } });
      } else if (isExhausted(job.attempts, job.maxAttempts)) {
        outcome = "dead";
        ctx.log?.(`job ${job.id} (${job.kind}) is dead after ${job.attempts} attempts: ${error}`);
        await queue.finish(ctx, job.id, id, { status: "dead", error });
      } else {
        outcome = "retry";
        const retryAt = new Date(ctx.now().getTime() + retryDelayMs(job.attempts, retry, random));
        await queue.finish(ctx, job.id, id, { status: "queued", error, retryAt });
      }
    } finally {
      held.delete(job.id);
      recordJob(job.kind, outcome, (performance.now() - started) / 1000);
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
    async stop(opts = {}) {
      running = false;
      wakeUp.abort();
      const timeoutMs = opts.timeoutMs;
      if (timeoutMs === undefined) {
        await loop;
        loop = null;
        return { released: [] };
      }
      let timer: NodeJS.Timeout | undefined;
      const timedOut = await Promise.race([
        (loop ?? Promise.resolve()).then(() => false),
        new Promise<boolean>((resolve) => {
          timer = setTimeout(() => resolve(true), Math.max(0, timeoutMs));
        }),
      ]);
      clearTimeout(timer);
      if (!timedOut) {
        loop = null;
        return { released: [] };
      }
      // Give the unfinished jobs back first, then abort their handlers: whatever a handler does
      // on abort, its job is already queued again and its finish is a no-op.
      const ids = [...held.keys()];
      for (const jobId of ids) held.get(jobId)!.released = true;
      const released = await queue.release(ctx, ids, id);
      for (const jobId of ids) held.get(jobId)?.abort.abort();
      ctx.log?.(`worker ${id}: gave back ${released.length} unfinished job(s) after ${timeoutMs} ms`);
      // Handlers that honour the signal end at once; one that does not is left behind.
      await Promise.race([loop, new Promise((resolve) => setTimeout(resolve, 1_000).unref())]);
      loop = null;
      return { released };
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
