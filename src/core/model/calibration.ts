import type { Calibrator } from "./types.ts";

const EPS = 1e-12;
const logit = (p: number): number => {
  const q = Math.min(1 - 1e-9, Math.max(1e-9, p));
  return Math.log(q / (1 - q));
};
const sigmoid = (z: number): number => 1 / (1 + Math.exp(-z));

/** Pool-adjacent-violators on (p, y) sorted by p: a non-decreasing step function. */
function isotonic(p: Float64Array, y: Uint8Array): Calibrator {
  const idx = Array.from(p.keys()).sort((a, b) => p[a]! - p[b]!);
  // Blocks of equal x first (ties share one value), then PAV over blocks.
  const bx: number[] = [];
  const by: number[] = [];
  const bw: number[] = [];
  for (const i of idx) {
    const x = p[i]!;
    const last = bx.length - 1;
    if (last >= 0 && bx[last] === x) {
      by[last]! += y[i]!;
      bw[last]!++;
    } else {
      bx.push(x);
      by.push(y[i]!);
      bw.push(1);
    }
  }
  // Stack of pooled blocks: mean, weight, first and last x.
  const mean: number[] = [];
  const w: number[] = [];
  const lo: number[] = [];
  const hi: number[] = [];
  for (let k = 0; k < bx.length; k++) {
    mean.push(by[k]! / bw[k]!);
    w.push(bw[k]!);
    lo.push(bx[k]!);
    hi.push(bx[k]!);
    while (mean.length > 1 && mean[mean.length - 2]! >= mean[mean.length - 1]!) {
      const m2 = mean.pop()!;
      const w2 = w.pop()!;
      const h2 = hi.pop()!;
      lo.pop();
      const t = mean.length - 1;
      mean[t] = (mean[t]! * w[t]! + m2 * w2) / (w[t]! + w2);
      w[t]! += w2;
      hi[t] = h2;
    }
  }
  // Knots at both ends of each block; interpolate linearly between them.
  const xs: number[] = [];
  const ys: number[] = [];
  for (let t = 0; t < mean.length; t++) {
    xs.push(lo[t]!);
    ys.push(mean[t]!);
    if (hi[t]! > lo[t]!) {
      xs.push(hi[t]!);
      ys.push(mean[t]!);
    }
  }
  return { kind: "isotonic", x: xs, y: ys };
}

/** Platt scaling: sigmoid(a * logit(p) + b), fitted by Newton's method with Platt's smoothed targets. */
function platt(p: Float64Array, y: Uint8Array): Calibrator {
  let pos = 0;
  for (let i = 0; i < y.length; i++) pos += y[i]!;
  const neg = y.length - pos;
  const tPos = (pos + 1) / (pos + 2);
  const tNeg = 1 / (neg + 2);
  const s = Float64Array.from(p, logit);
  let a = 1;
  let b = 0;
  for (let it = 0; it < 100; it++) {
    let ga = 0;
    let gb = 0;
    let haa = 1e-9;
    let hab = 0;
    let hbb = 1e-9;
    for (let i = 0; i < s.length; i++) {
      const q = sigmoid(a * s[i]! + b);
      const d = q - (y[i] ? tPos : tNeg);
      const h = Math.max(q * (1 - q), EPS);
      ga += d * s[i]!;
      gb += d;
      haa += h * s[i]! * s[i]!;
      hab += h * s[i]!;
      hbb += h;
    }
    const det = haa * hbb - hab * hab;
    if (Math.abs(det) < EPS) break;
    const da = (hbb * ga - hab * gb) / det;
    const db = (haa * gb - hab * ga) / det;
    a -= da;
    b -= db;
    if (Math.abs(da) < 1e-10 && Math.abs(db) < 1e-10) break;
  }
  return { kind: "platt", a, b };
}

/** Fits a calibrator mapping held-out probabilities `p` to observed rates of `y`. */
export function fitCalibrator(p: Float64Array, y: Uint8Array, how: "isotonic" | "platt"): Calibrator {
  if (p.length !== y.length) throw new RangeError(`${p.length} predictions for ${y.length} labels`);
  if (p.length === 0) throw new RangeError("calibration needs at least one held-out row");
  return how === "isotonic" ? isotonic(p, y) : platt(p, y);
}

/** Calibrated probabilities (isotonic: linear between knots, clamped at the ends). */
export function applyCalibrator(c: Calibrator, p: Float64Array): Float64Array {
  const out = new Float64Array(p.length);
  if (c.kind === "platt") {
    for (let i = 0; i < p.length; i++) out[i] = sigmoid(c.a * logit(p[i]!) + c.b);
    return out;
  }
  const { x, y } = c;
  const last = x.length - 1;
  for (let i = 0; i < p.length; i++) {
    const v = p[i]!;
    if (v <= x[0]!) out[i] = y[0]!;
    else if (v >= x[last]!) out[i] = y[last]!;
    else {
      let lo = 0;
      let hi = last;
      while (hi - lo > 1) {
        const mid = (lo + hi) >> 1;
        if (x[mid]! <= v) lo = mid;
        else hi = mid;
      }
      const span = x[hi]! - x[lo]!;
      out[i] = span > 0 ? y[lo]! + ((y[hi]! - y[lo]!) * (v - x[lo]!)) / span : y[hi]!;
    }
  }
  return out;
}
