import { describe, expect, it } from "vitest";
import { CallStoppedError, timeoutError, withTimeout } from "./with-timeout.ts";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("withTimeout", () => {
  it("passes the value through when the call is in time", async () => {
    expect(await withTimeout(async () => 42, { timeoutMs: 1000 })).toBe(42);
  });

  it("passes the call's own error through", async () => {
    await expect(withTimeout(() => Promise.reject(new Error("boom")), { timeoutMs: 1000 })).rejects.toThrow(
      "boom",
    );
  });

  it("aborts the call's signal at the deadline and settles then, even if the call ignores it", async () => {
    let seen: AbortSignal | undefined;
    const started = performance.now();
    const stopped = await withTimeout(
      (signal) => {
        seen = signal;
        return sleep(2000);
      },
      { timeoutMs: 100 },
    ).catch((e: unknown) => e);
    expect(stopped).toBeInstanceOf(CallStoppedError);
    expect((stopped as CallStoppedError).reason).toBe("timeout");
    expect(seen?.aborted).toBe(true);
    expect(performance.now() - started).toBeLessThan(500);
  });

  it("stops when the caller's signal aborts, and does not start on an aborted one", async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 20);
    const stopped = await withTimeout(() => sleep(2000), {
      timeoutMs: 5000,
      signal: controller.signal,
    }).catch((e: unknown) => e);
    expect((stopped as CallStoppedError).reason).toBe("aborted");

    let called = false;
    const early = await withTimeout(
      async () => {
        called = true;
      },
      { timeoutMs: 5000, signal: controller.signal },
    ).catch((e: unknown) => e);
    expect((early as CallStoppedError).reason).toBe("aborted");
    expect(called).toBe(false);
  });
});

describe("timeoutError", () => {
  it("names the timeout in whole seconds, as seed 004 does", () => {
    expect(timeoutError(11_000)).toBe("timeout_after_11s");
    expect(timeoutError(1000)).toBe("timeout_after_1s");
    expect(timeoutError(2500)).toBe("timeout_after_3s");
  });
});
