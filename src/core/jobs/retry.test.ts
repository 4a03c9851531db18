import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isExhausted, retryDelayMs } from "./retry.ts";

describe("retryDelayMs", () => {
  const policy = { baseMs: 1_000, maxMs: 60_000 };

  it("doubles per attempt, within [d/2, d]", () => {
    expect(retryDelayMs(1, policy, () => 0)).toBe(500);
    expect(retryDelayMs(1, policy, () => 1)).toBe(1_000);
    expect(retryDelayMs(3, policy, () => 1)).toBe(4_000);
    expect(retryDelayMs(30, policy, () => 1)).toBe(60_000);
  });

  it("never exceeds the cap nor goes below half the exponential step", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 200 }), fc.double({ min: 0, max: 1, noNaN: true }), (n, r) => {
        const d = retryDelayMs(n, policy, () => r);
        const step = Math.min(policy.maxMs, policy.baseMs * 2 ** (n - 1));
        return d >= Math.floor(step / 2) && d <= policy.maxMs;
      }),
    );
  });

  it("a job is dead once its attempts reach the limit", () => {
    expect(isExhausted(2, 3)).toBe(false);
    expect(isExhausted(3, 3)).toBe(true);
  });
});
