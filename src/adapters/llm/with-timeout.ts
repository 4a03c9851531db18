/** Why a call was stopped before it answered. */
export class CallStoppedError extends Error {
  readonly reason: "timeout" | "aborted";

  constructor(reason: "timeout" | "aborted") {
    super(reason === "timeout" ? "call timed out" : "call aborted");
    this.name = "CallStoppedError";
    this.reason = reason;
  }
}

/** The error a timed-out ticket gets, as in seed 004: "timeout_after_11s". */
export function timeoutError(timeoutMs: number): string {
  return `timeout_after_${Math.round(timeoutMs / 1000)}s`;
}

/**
 * Runs `fn` with a signal that aborts after `timeoutMs` or when `signal` aborts, and settles at
 * that moment with a CallStoppedError even if `fn` ignores its signal (a client library that
 * does not pass it on must not hold the caller past the deadline).
 */
export function withTimeout<T>(
  fn: (signal: AbortSignal) => Promise<T>,
  opts: { timeoutMs: number; signal?: AbortSignal },
): Promise<T> {
  const { timeoutMs, signal } = opts;
  if (signal?.aborted) return Promise.reject(new CallStoppedError("aborted"));
  const controller = new AbortController();
  return new Promise<T>((resolve, reject) => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    function cleanup() {
      clearTimeout(timer);
      signal?.removeEventListener("abort", onAbort);
    }
    function stop(reason: "timeout" | "aborted") {
      cleanup();
      const error = new CallStoppedError(reason);
      controller.abort(error);
      reject(error);
    }
    function onAbort() {
      stop("aborted");
    }
    timer = setTimeout(() => stop("timeout"), timeoutMs);
    signal?.addEventListener("abort", onAbort, { once: true });
    // After a stop, the promise is settled and these late outcomes are dropped (never unhandled).
    Promise.resolve()
      .then(() => fn(controller.signal))
      .then(
        (value) => {
          cleanup();
          resolve(value);
        },
        (error: unknown) => {
          cleanup();
          reject(error);
        },
      );
  });
}
