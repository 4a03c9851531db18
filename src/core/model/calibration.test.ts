import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { applyCalibrator, fitCalibrator } from "./calibration.ts";
import { rng } from "./gbt/random.ts";

describe("isotonic calibration", () => {
  it("is monotone non-decreasing and stays within [0, 1] for any held-out data", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.boolean()), {
          minLength: 1,
          maxLength: 200,
        }),
        fc.array(fc.double({ min: -0.5, max: 1.5, noNaN: true }), { minLength: 2, maxLength: 50 }),
        (pairs, probes) => {
          const c = fitCalibrator(
            Float64Array.from(pairs, (x) => x[0]),
            Uint8Array.from(pairs, (x) => (x[1] ? 1 : 0)),
            "isotonic",
          );
          const xs = Float64Array.from(probes).sort();
          const out = applyCalibrator(c, xs);
          for (let i = 0; i < out.length; i++) {
            expect(out[i]).toBeGreaterThanOrEqual(0);
            expect(out[i]).toBeLessThanOrEqual(1);
            if (i > 0) expect(out[i]!).toBeGreaterThanOrEqual(out[i - 1]! - 1e-12);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it("pools adjacent violators to the known answer", () => {
    // y by increasing p: 1 0 1 1 0 1 -> blocks (1,0)->0.5, (1), (1,0)->0.5 merges... PAV gives 0.5,0.5,2/3,2/3,2/3,1
    const p = Float64Array.of(0.1, 0.2, 0.3, 0.4, 0.5, 0.6);
    const y = Uint8Array.of(1, 0, 1, 1, 0, 1);
    const out = applyCalibrator(fitCalibrator(p, y, "isotonic"), p);
    const want = [0.5, 0.5, 2 / 3, 2 / 3, 2 / 3, 1];
    out.forEach((v, i) => {
      expect(v).toBeCloseTo(want[i]!, 12);
    });
  });
});

describe("Platt calibration", () => {
  it("recovers a known sigmoid of the log-odds", () => {
    const r = rng(5);
    const n = 20000;
    const p = new Float64Array(n);
    const y = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      const s = r() * 8 - 4;
      p[i] = 1 / (1 + Math.exp(-s));
      y[i] = r() < 1 / (1 + Math.exp(-(0.5 * s - 1))) ? 1 : 0;
    }
    const c = fitCalibrator(p, y, "platt");
    if (c.kind !== "platt") throw new Error("wrong kind");
    expect(c.a).toBeCloseTo(0.5, 1);
    expect(c.b).toBeCloseTo(-1, 1);
  });
});
