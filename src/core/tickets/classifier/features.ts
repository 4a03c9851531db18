/**
 * Ticket text as a sparse vector: word 1-2-grams and character 3-5-grams (within word
 * boundaries, as scikit-learn's `char_wb`), hashed into 2^bits dimensions, sublinear term
 * frequency (1 + ln tf), L2-normalized. Pure and deterministic.
 */
export interface SparseVector {
  /** Sorted, distinct dimension indexes. */
  readonly idx: Uint32Array;
  readonly val: Float32Array;
}

export const DEFAULT_HASH_BITS = 16;

/** FNV-1a over UTF-16 code units with a namespace seed (no allocation). */
function hashGram(seed: number, s: string, from: number, to: number): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = from; i < to; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

const WORD = /[\p{L}\p{N}']+/gu;
const NS_WORD = 1;
const NS_BIGRAM = 2;
const NS_CHAR = 3;

/** Hashed n-gram counts of `text` (lower-cased), as a map from dimension to count. */
function gramCounts(text: string, bits: number): Map<number, number> {
  const mask = (1 << bits) - 1;
  const counts = new Map<number, number>();
  const add = (h: number) => {
    const d = h & mask;
    counts.set(d, (counts.get(d) ?? 0) + 1);
  };
  const words = text.toLowerCase().match(WORD) ?? [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    add(hashGram(NS_WORD, w, 0, w.length));
    if (i > 0) {
      const bi = `${words[i - 1]} ${w}`;
      add(hashGram(NS_BIGRAM, bi, 0, bi.length));
    }
    const padded = ` ${w} `;
    for (let n = 3; n <= 5; n++)
      for (let s = 0; s + n <= padded.length; s++) add(hashGram(NS_CHAR + n, padded, s, s + n));
  }
  return counts;
}

/** The feature vector of one ticket; `extra` adds named indicator features (e.g. the rules' answer). */
export function featurize(
  text: string,
  opts: { bits?: number; extra?: readonly { name: string; value: number }[] } = {},
): SparseVector {
  const bits = opts.bits ?? DEFAULT_HASH_BITS;
  const counts = gramCounts(text, bits);
  let norm = 0;
  for (const [d, c] of counts) {
    const v = 1 + Math.log(c);
    counts.set(d, v);
    norm += v * v;
  }
  norm = Math.sqrt(norm) || 1;
  for (const [d, v] of counts) counts.set(d, v / norm);
  const mask = (1 << bits) - 1;
  for (const e of opts.extra ?? []) {
    const d = hashGram(0x5eed, e.name, 0, e.name.length) & mask;
    counts.set(d, (counts.get(d) ?? 0) + e.value);
  }
  const idx = Uint32Array.from([...counts.keys()].sort((a, b) => a - b));
  const val = new Float32Array(idx.length);
  for (let i = 0; i < idx.length; i++) val[i] = counts.get(idx[i]!)!;
  return { idx, val };
}
