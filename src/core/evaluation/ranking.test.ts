import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { rankingQuality } from "./ranking.ts";

describe("rankingQuality", () => {
  it("is 1 for a perfect ranking, 0 for a reversed one, 0.5 for all ties", () => {
    const perfect = [1, 2, 3, 4].map((s) => ({ score: s, positive: s > 2 }));
    expect(rankingQuality(perfect).auc).toBe(1);
    expect(rankingQuality(perfect.map((p) => ({ ...p, positive: !p.positive }))).auc).toBe(0);
    expect(rankingQuality(perfect.map((p) => ({ ...p, score: 7 }))).auc).toBe(0.5);
  });

  it("matches the pairwise definition", () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ score: fc.integer({ min: 0, max: 5 }), positive: fc.boolean() }), {
          minLength: 2,
          maxLength: 40,
        }),
        (pairs) => {
          const pos = pairs.filter((p) => p.positive);
          const neg = pairs.filter((p) => !p.positive);
          const q = rankingQuality(pairs);
          if (pos.length === 0 || neg.length === 0) {
            expect(q.auc).toBeNull();
            return;
          }
          let wins = 0;
          for (const p of pos)
            for (const m of neg) wins += p.score > m.score ? 1 : p.score === m.score ? 0.5 : 0;
          expect(q.auc).toBeCloseTo(wins / (pos.length * neg.length), 10);
        },
      ),
    );
  });

  it("measures precision in the top share", () => {
    const pairs = Array.from({ length: 100 }, (_, i) => ({ score: i, positive: i >= 95 }));
    expect(rankingQuality(pairs, 0.1).precisionAtTop).toBe(0.5);
    expect(rankingQuality(pairs, 0.1).baseRate).toBe(0.05);
  });
});
