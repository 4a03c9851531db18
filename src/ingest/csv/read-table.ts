import { CsvFormatError, type CsvSource, readCsv } from "./read-csv.ts";
import { type ColumnSpec, Invalid, parseValue } from "./values.ts";

/** Collects "file:line: column: reason" messages, keeping the first `cap` and counting the rest. */
export class ErrorList {
  readonly items: string[] = [];
  total = 0;
  readonly cap: number;
  private readonly noun: string;
  constructor(cap = 100, noun = "errors") {
    this.cap = cap;
    this.noun = noun;
  }
  add(message: string): void {
    this.total++;
    if (this.items.length < this.cap) this.items.push(message);
  }
  /** The messages, with a closing count of those not shown. */
  lines(): string[] {
    const more = this.total - this.items.length;
    return more > 0
      ? [...this.items, `... and ${more.toLocaleString("en-US")} more ${this.noun}`]
      : [...this.items];
  }
}

const INTERN_LIMIT = 5_000;

/**
 * Shares one string per distinct value of a column (days, tiers, countries repeat across
 * millions of rows), until the column shows more than INTERN_LIMIT distinct values.
 */
class Interner {
  private readonly seen = new Map<string, string>();
  private open = true;
  get(s: string): string {
    if (!this.open) return s;
    const hit = this.seen.get(s);
    if (hit !== undefined) return hit;
    if (this.seen.size >= INTERN_LIMIT) {
      this.open = false;
      this.seen.clear();
    } else this.seen.set(s, s);
    return s;
  }
}

/**
 * Reads a CSV whose header must name every column in `specs`, validates every value, and calls
 * `onRow` with the values in spec order. A row with a bad value is reported and still passed on
 * with `ok` false (its bad values undefined), so its id can satisfy references without
 * cascading into more errors; such rows are never written.
 */
export async function readTable(
  source: CsvSource,
  specs: readonly ColumnSpec[],
  errors: ErrorList,
  onRow: (values: unknown[], line: number, ok: boolean) => void,
): Promise<{ rows: number; headerOk: boolean }> {
  const file = source.name;
  let index: number[] = [];
  let width = 0;
  let headerOk = false;
  const interners = specs.map((spec) => (spec.type === "id" ? undefined : new Interner()));
  try {
    const { rows } = await readCsv(source, {
      header(fields) {
        const names = fields.map((f) => f.trim());
        width = names.length;
        const seen = new Set<string>();
        for (const n of names) {
          if (seen.has(n) && n !== "") errors.add(`${file}:1: ${n}: column appears twice in the header`);
          seen.add(n);
        }
        const missing = specs.filter((s) => !names.includes(s.name));
        for (const s of missing)
          errors.add(`${file}:1: ${s.name}: missing column (the header has: ${names.join(", ")})`);
        index = specs.map((s) => names.indexOf(s.name));
        headerOk = missing.length === 0;
      },
      row(fields, line) {
        if (!headerOk) return;
        if (fields.length !== width) {
          errors.add(`${file}:${line}: expected ${width} fields, found ${fields.length}`);
          return;
        }
        const values = new Array<unknown>(specs.length);
        let ok = true;
        for (let i = 0; i < specs.length; i++) {
          const v = parseValue(specs[i]!, fields[index[i]!]!);
          if (v instanceof Invalid) {
            errors.add(`${file}:${line}: ${specs[i]!.name}: ${v.reason}`);
            ok = false;
          } else {
            const interner = interners[i];
            values[i] = typeof v === "string" && interner ? interner.get(v) : v;
          }
        }
        onRow(values, line, ok);
      },
    });
    return { rows, headerOk };
  } catch (e) {
    if (e instanceof CsvFormatError) {
      errors.add(`${file}:${e.line}: ${e.message}`);
      return { rows: 0, headerOk: false };
    }
    throw e;
  }
}
