import type { Row } from "../../store/bulk-upsert.ts";

/** Indices 0..n-1 ordered by ids[i] (code-unit order, as SQLite's BINARY collation sorts ASCII). */
export function sortedOrder(ids: readonly string[]): Int32Array {
  const order = Int32Array.from(ids.keys());
  return order.sort((a, b) => (ids[a]! < ids[b]! ? -1 : ids[a]! > ids[b]! ? 1 : 0));
}

/** Stable counting sort of `items` by `keyOf(item)` in [0, buckets). */
function countingSort(items: Int32Array, buckets: number, keyOf: (i: number) => number): Int32Array {
  const start = new Int32Array(buckets + 1);
  for (const i of items) start[keyOf(i) + 1]!++;
  for (let k = 0; k < buckets; k++) start[k + 1]! += start[k]!;
  const out = new Int32Array(items.length);
  for (const i of items) out[start[keyOf(i)]!++] = i;
  return out;
}

export interface DuplicateUsage {
  id: string;
  line: number;
  firstLine: number;
}

/** An append-only typed column that doubles its capacity as it fills. */
class Column<T extends Int32Array | Float64Array> {
  private data: T;
  length = 0;
  private readonly make: (n: number) => T;
  constructor(make: (n: number) => T) {
    this.make = make;
    this.data = make(1024);
  }
  push(v: number): void {
    if (this.length === this.data.length) {
      const bigger = this.make(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length++] = v;
  }
  get values(): T {
    return this.data;
  }
}

const ints = () => new Column((n) => new Int32Array(n));
const floats = () => new Column((n) => new Float64Array(n));

/**
 * Daily usage per day, customer and feature (the store's key order), built from raw usage
 * rows with duplicates summed, held in typed columns (2.5M rows in about 120 MB). Rows reach the
 * store sorted by key: inserting in key order keeps B-tree writes sequential, about 4x faster
 * than file order. Sorting is two stable counting sorts (customer, then day): linear time.
 */
export class UsageRollup {
  private readonly cust = ints();
  private readonly day = ints();
  private readonly feature = ints();
  private readonly line = ints();
  private readonly uses = floats();
  private readonly secs = floats();
  private readonly errs = floats();
  private readonly ids: string[] = [];
  private readonly dayNames: string[] = [];
  private readonly featureNames: string[] = [];
  private readonly dayIndex = new Map<string, number>();
  private readonly featureIndex = new Map<string, number>();
  private order: Int32Array | undefined;

  get size(): number {
    return this.cust.length;
  }

  private static indexOf(s: string, index: Map<string, number>, names: string[]): number {
    let i = index.get(s);
    if (i === undefined) {
      i = names.push(s) - 1;
      index.set(s, i);
    }
    return i;
  }

  add(
    id: string,
    line: number,
    customer: number,
    day: string,
    feature: string,
    uses: number,
    secs: number,
    errors: number,
  ): void {
    this.ids.push(id);
    this.line.push(line);
    this.cust.push(customer);
    this.day.push(UsageRollup.indexOf(day, this.dayIndex, this.dayNames));
    this.feature.push(UsageRollup.indexOf(feature, this.featureIndex, this.featureNames));
    this.uses.push(uses);
    this.secs.push(secs);
    this.errs.push(errors);
  }

  /**
   * Sorts by (day, customer id, feature) and returns the usage ids given twice for the same
   * customer, day and feature (RavenStack reuses ids across different records, so an id alone
   * is not a key).
   */
  finish(customerRank: Int32Array): DuplicateUsage[] {
    const n = this.size;
    const cust = this.cust.values;
    const day = this.day.values;
    const feature = this.feature.values;
    const lines = this.line.values;
    const { ids, featureNames } = this;
    const dayRank = new Int32Array(this.dayNames.length);
    [...this.dayNames.keys()]
      .sort((a, b) => (this.dayNames[a]! < this.dayNames[b]! ? -1 : 1))
      .forEach((d, rank) => {
        dayRank[d] = rank;
      });
    const all = new Int32Array(n);
    for (let i = 0; i < n; i++) all[i] = i;
    const byCustomer = countingSort(all, customerRank.length, (i) => customerRank[cust[i]!]!);
    const order = countingSort(byCustomer, dayRank.length, (i) => dayRank[day[i]!]!);
    const byFeature = (x: number, y: number) => {
      const a = featureNames[feature[x]!]!;
      const b = featureNames[feature[y]!]!;
      return a < b ? -1 : a > b ? 1 : 0;
    };
    const dups: DuplicateUsage[] = [];
    for (let a = 0; a < n; ) {
      let b = a + 1;
      while (b < n && cust[order[b]!] === cust[order[a]!] && day[order[b]!] === day[order[a]!]) b++;
      if (b - a > 1) {
        const group = order.subarray(a, b).sort(byFeature);
        for (let j = 1; j < group.length; j++) {
          for (let k = j - 1; k >= 0 && feature[group[k]!] === feature[group[j]!]; k--) {
            if (ids[group[k]!] === ids[group[j]!]) {
              const [first, second] = [lines[group[k]!]!, lines[group[j]!]!].sort((p, q) => p - q);
              dups.push({ id: ids[group[j]!]!, line: second!, firstLine: first! });
            }
          }
        }
      }
      a = b;
    }
    this.order = order;
    this.ids.length = 0; // only needed for the duplicate check
    return dups.sort((p, q) => p.line - q.line);
  }

  /** Rows [day, customer_id, feature, uses, duration_secs, errors] in key order (after finish). */
  *rows(customerIds: readonly string[]): Generator<Row> {
    const order = this.order!;
    const cust = this.cust.values;
    const day = this.day.values;
    const feature = this.feature.values;
    const uses = this.uses.values;
    const secs = this.secs.values;
    const errs = this.errs.values;
    const same = (a: number, b: number) =>
      cust[a] === cust[b] && day[a] === day[b] && feature[a] === feature[b];
    for (let j = 0; j < order.length; ) {
      const cur = order[j]!;
      let u = uses[cur]!;
      let s = secs[cur]!;
      let e = errs[cur]!;
      let k = j + 1;
      for (; k < order.length && same(cur, order[k]!); k++) {
        u += uses[order[k]!]!;
        s += secs[order[k]!]!;
        e += errs[order[k]!]!;
      }
      yield [this.dayNames[day[cur]!], customerIds[cust[cur]!], this.featureNames[feature[cur]!], u, s, e];
      j = k;
    }
  }
}
