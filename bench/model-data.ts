import { rng } from "../src/core/model/gbt/random.ts";
import type { Dataset } from "../src/core/model/index.ts";

/**
 * A synthetic churn table: `n` rows x `nf` features (every tenth categorical with 6 levels,
 * 5% of the numeric values missing), label drawn from a nonlinear log-odds with interactions.
 */
export function syntheticChurn(n: number, nf: number, seed = 7): Dataset {
  const rand = rng(seed);
  const gauss = () => {
    const u = Math.max(rand(), 1e-12);
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rand());
  };
  const features = Array.from({ length: nf }, (_, j) =>
    j % 10 === 9
      ? { name: `c${j}`, kind: "categorical" as const, categories: ["a", "b", "c", "d", "e", "f"] }
      : { name: `x${j}`, kind: "numeric" as const },
  );
  const columns = features.map(() => new Float64Array(n));
  const y = new Uint8Array(n);
  const catEffect = [-0.8, -0.3, 0, 0.2, 0.5, 1];
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < nf; j++) {
      const col = columns[j]!;
      if (features[j]!.kind === "categorical") col[i] = Math.floor(rand() * 6);
      else col[i] = j % 3 === 0 ? Math.exp(gauss()) : gauss();
    }
    const x = (j: number) => columns[j]![i]!;
    const z =
      -1.2 +
      0.8 * x(0) -
      0.6 * Math.log(x(3)) +
      0.9 * (x(1) > 0.5 ? 1 : 0) * (x(2) < 0 ? 1 : 0) +
      0.4 * x(4) * x(5) +
      catEffect[x(9)]! +
      0.3 * Math.sin(2 * x(7)) +
      0.2 * gauss();
    y[i] = rand() < 1 / (1 + Math.exp(-z)) ? 1 : 0;
    // missing after the label is drawn: missing values hide information, as in real exports
    for (let j = 0; j < nf; j++)
      if (features[j]!.kind === "numeric" && rand() < 0.05) columns[j]![i] = Number.NaN;
  }
  return { n, features, columns, y };
}
