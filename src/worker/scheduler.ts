import type { UseCaseContext } from "../usecases/context.ts";
import { type ScheduledWork, scheduleDueWork } from "../usecases/schedule-work.ts";

export interface Scheduler {
  /** One pass: queue what is due now. */
  tick(): Promise<ScheduledWork>;
  /** Ticks every `intervalMs` (never two at once), and once at start. */
  start(intervalMs?: number): void;
  stop(): Promise<void>;
}

/**
 * The timer around `scheduleDueWork`. It only queues jobs; workers run them. Safe to run in
 * every process (serve and worker): what it queues is keyed, so it is queued once.
 */
export function createScheduler(
  ctx: UseCaseContext,
  onQueued?: () => void,
  opts: { orgId?: number | undefined } = {},
): Scheduler {
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<ScheduledWork> | null = null;

  function tick(): Promise<ScheduledWork> {
    running ??= scheduleDueWork(ctx, opts)
      .then((w) => {
        if (w.daily.length + w.queuedRefresh.length + w.ticketAnalysis.length + w.playsTimers.length > 0)
          onQueued?.();
        return w;
      })
      .finally(() => {
        running = null;
      });
    return running;
  }
  const safeTick = () =>
    void tick().catch((e) => ctx.log?.(`scheduler tick failed: ${(e as Error).message}`));

  return {
    tick,
    start(intervalMs = 60_000) {
      if (timer) return;
      timer = setInterval(safeTick, intervalMs);
      timer.unref();
      safeTick();
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = null;
      await running?.catch(() => {});
    },
  };
}
