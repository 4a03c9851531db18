import type { Row } from "../../store/bulk-upsert.ts";
import type { CsvSource } from "../csv/read-csv.ts";
import { ErrorList, readTable } from "../csv/read-table.ts";
import type { RavenstackSources } from "./sources.ts";
import { RAVENSTACK_COLUMNS, type RavenstackTable } from "./tables.ts";
import { sortedOrder, UsageRollup } from "./usage-rollup.ts";

/** subscription: one customer per subscription (seed 004). account: one per account. */
export type Grain = "subscription" | "account";
export const GRAINS: readonly Grain[] = ["subscription", "account"];

export interface ImportProgress {
  phase: "read" | "write";
  /** File being read, or store table being written. */
  name: string;
  bytes: number;
  totalBytes: number;
}

export interface ReadOptions {
  grain: Grain;
  onProgress?: ((p: ImportProgress) => void) | undefined;
  /** How many error lines to keep (the rest are counted). */
  errorCap?: number | undefined;
}

/** The store rows of one RavenStack export, each table in TABLES[...].columns order, sorted by key. */
export interface RavenstackRows {
  accounts: Row[];
  customers: Row[];
  subscriptions: Row[];
  plans: Row[];
  churn_events: Row[];
  tickets: Row[];
  usage_daily: Iterable<Row>;
}

/** What reading the five files gave: the rows to write, or every error (nothing to write). */
export type RavenstackRead =
  | {
      ok: true;
      rows: RavenstackRows;
      /** Rows read per file. */
      rowsRead: Record<RavenstackTable, number>;
      customerIds: string[];
      totalBytes: number;
    }
  | {
      ok: false;
      /** The first `errorCap` errors as file:line: column: reason, then a count of the rest. */
      errors: string[];
      errorCount: number;
      rowsRead: Partial<Record<RavenstackTable, number>>;
      totalBytes: number;
    };

function withProgress(src: CsvSource & { size?: number }, report?: (bytes: number) => void): CsvSource {
  if (!report) return src;
  return {
    name: src.name,
    async *chunks() {
      let bytes = 0;
      for await (const c of src.chunks()) {
        yield c;
        bytes += c.length;
        report(bytes);
      }
    },
  };
}

/** Ids seen in one file, to refuse duplicates and resolve references by row index. */
class IdIndex {
  private readonly lineOf = new Map<string, number>();
  readonly ids: string[] = [];
  private readonly file: string;
  private readonly column: string;
  constructor(file: string, column: string) {
    this.file = file;
    this.column = column;
  }
  /** The new row's index, or -1 after reporting a duplicate. */
  add(id: string, line: number, errors: ErrorList): number {
    const first = this.lineOf.get(id);
    if (first !== undefined) {
      errors.add(
        `${this.file}:${line}: ${this.column}: duplicate id ${JSON.stringify(id)} (first on line ${first})`,
      );
      return -1;
    }
    this.lineOf.set(id, line);
    return this.ids.push(id) - 1;
  }
  has(id: string): boolean {
    return this.lineOf.has(id);
  }
}

function byKey(rows: Row[]): Row[] {
  return rows.sort((a, b) => (a[0]! < b[0]! ? -1 : a[0]! > b[0]! ? 1 : 0));
}

/**
 * Reads and validates the five RavenStack CSVs and builds the store rows for the chosen grain.
 * Writes nothing: every value is checked first, and any error refuses the whole import (all
 * errors reported up to a cap, then a count). The `importRavenstack` use case writes the rows.
 */
export async function readRavenstack(sources: RavenstackSources, opts: ReadOptions): Promise<RavenstackRead> {
  const errors = new ErrorList(opts.errorCap ?? 100);
  const rowsRead = {} as Record<RavenstackTable, number>;
  const totalBytes = [...sources.values()].reduce((a, s) => a + (s.size ?? 0), 0);
  let doneBytes = 0;

  const read = async (table: RavenstackTable, onRow: (v: unknown[], line: number, ok: boolean) => void) => {
    const src = sources.get(table)!;
    const base = doneBytes;
    const report = opts.onProgress
      ? (b: number) => opts.onProgress!({ phase: "read", name: src.name, bytes: base + b, totalBytes })
      : undefined;
    const { rows } = await readTable(withProgress(src, report), RAVENSTACK_COLUMNS[table], errors, onRow);
    rowsRead[table] = rows;
    doneBytes += src.size ?? 0;
  };
  const fk = (file: string, line: number, col: string, id: string, index: IdIndex, target: string) => {
    if (index.has(id)) return true;
    errors.add(`${file}:${line}: ${col}: ${JSON.stringify(id)} is not in ${target}`);
    return false;
  };
  const name = (t: RavenstackTable) => sources.get(t)!.name;

  const accounts = new IdIndex(name("accounts"), "account_id");
  const accountRows: unknown[][] = [];
  await read("accounts", (v, line, ok) => {
    if (accounts.add(v[0] as string, line, errors) >= 0 && ok) accountRows.push(v);
  });

  const subs = new IdIndex(name("subscriptions"), "subscription_id");
  const subRows: unknown[][] = [];
  await read("subscriptions", (v, line, ok) => {
    if (!fk(name("subscriptions"), line, "account_id", v[1] as string, accounts, name("accounts"))) return;
    if (subs.add(v[0] as string, line, errors) >= 0 && ok) subRows.push(v);
  });

  const churnIds = new IdIndex(name("churn_events"), "churn_event_id");
  const churnRows: Row[] = [];
  await read("churn_events", (v, line, ok) => {
    if (!fk(name("churn_events"), line, "account_id", v[1] as string, accounts, name("accounts"))) return;
    if (churnIds.add(v[0] as string, line, errors) >= 0 && ok) churnRows.push(v);
  });

  const ticketIds = new IdIndex(name("support_tickets"), "ticket_id");
  const ticketRows: Row[] = [];
  await read("support_tickets", (v, line, ok) => {
    if (!fk(name("support_tickets"), line, "account_id", v[1] as string, accounts, name("accounts"))) return;
    if (ticketIds.add(v[0] as string, line, errors) < 0 || !ok) return;
    const customer = opts.grain === "account" ? v[1] : null;
    ticketRows.push([v[0], v[1], customer, v[2], v[3], v[4], v[5], v[6], v[7], v[8]]);
  });

  // Customer index of each subscription, for usage rows.
  const accountIdx = new Map(accounts.ids.map((id, i) => [id, i]));
  const subCustomer = new Map<string, number>(
    subRows.map((s, i) => [s[0] as string, opts.grain === "account" ? accountIdx.get(s[1] as string)! : i]),
  );
  const usage = new UsageRollup();
  const usageFile = name("feature_usage");
  await read("feature_usage", (v, line, ok) => {
    if (!ok) return;
    const customer = subCustomer.get(v[1] as string);
    if (customer === undefined) {
      if (subs.has(v[1] as string)) return; // its subscription row was refused already
      errors.add(
        `${usageFile}:${line}: subscription_id: ${JSON.stringify(v[1])} is not in ${name("subscriptions")}`,
      );
      return;
    }
    const [id, , day, feature, uses, secs, errs] = v as [
      string,
      string,
      string,
      string,
      number,
      number,
      number,
    ];
    usage.add(id, line, customer, day, feature, uses, secs, errs);
  });
  const refused = (): RavenstackRead => ({
    ok: false,
    errors: errors.lines(),
    errorCount: errors.total,
    rowsRead,
    totalBytes,
  });
  if (errors.total > 0) return refused();
  const { customerRows, customerIds } = buildCustomers(opts.grain, accountRows, subRows);
  const order = sortedOrder(customerIds);
  const rank = new Int32Array(order.length);
  for (let k = 0; k < order.length; k++) rank[order[k]!] = k;
  // usage_id alone is not a key: RavenStack's own file reuses 21 of its 6-hex-digit ids for
  // different records (the seed counts both). The same id twice for one customer, day and
  // feature is a duplicate record.
  for (const d of usage.finish(rank)) {
    errors.add(
      `${usageFile}:${d.line}: usage_id: duplicate id ${JSON.stringify(d.id)} for the same subscription, day and feature (first on line ${d.firstLine})`,
    );
  }

  if (errors.total > 0) return refused();

  const sortedCustomers: Row[] = Array.from(order, (i) => customerRows[i]!);
  const subscriptionRows = byKey(
    subRows.map((s) => [
      s[0],
      opts.grain === "account" ? s[1] : s[0],
      s[1],
      s[4],
      s[2],
      s[3],
      s[5],
      s[6],
      s[7],
      s[8],
      s[9],
      s[10],
      s[11],
      s[12],
      s[13],
    ]),
  );

  return {
    ok: true,
    rows: {
      accounts: byKey(accountRows),
      customers: sortedCustomers,
      subscriptions: subscriptionRows,
      plans: planRows(subRows),
      churn_events: byKey(churnRows),
      tickets: byKey(ticketRows),
      usage_daily: usage.rows(customerIds),
    },
    rowsRead,
    customerIds,
    totalBytes,
  };
}

/** Customer rows (TABLES.customers column order) for the chosen grain. */
function buildCustomers(
  grain: Grain,
  accountRows: unknown[][],
  subRows: unknown[][],
): { customerRows: Row[]; customerIds: string[] } {
  const accountById = new Map(accountRows.map((a) => [a[0] as string, a]));
  if (grain === "subscription") {
    const customerRows = subRows.map((s, i) => {
      const a = accountById.get(s[1] as string)!;
      return [s[0], i, s[1], a[1], a[2], a[3], s[2], s[4], s[5], s[8], s[7], s[6]];
    });
    return { customerRows, customerIds: subRows.map((s) => s[0] as string) };
  }
  // Account grain: ARR and MRR are the sums over the account's active (no end date) subscriptions.
  const totals = new Map<string, { arr: number; mrr: number; tier: unknown }>();
  for (const s of subRows) {
    const t = totals.get(s[1] as string) ?? { arr: 0, mrr: 0, tier: s[4] };
    if (s[3] === null) {
      t.arr += s[7] as number;
      t.mrr += s[6] as number;
    }
    t.tier = s[4];
    totals.set(s[1] as string, t);
  }
  const customerRows = accountRows.map((a, i) => {
    const t = totals.get(a[0] as string);
    return [
      a[0],
      i,
      a[0],
      a[1],
      a[2],
      a[3],
      a[4],
      a[6] ?? t?.tier ?? null,
      a[7],
      a[8],
      t?.arr ?? 0,
      t?.mrr ?? 0,
    ];
  });
  return { customerRows, customerIds: accountRows.map((a) => a[0] as string) };
}

/** The plan catalog seen in the subscriptions, ranked by average MRR (entry tier first). */
function planRows(subRows: unknown[][]): Row[] {
  const stats = new Map<string, { sum: number; n: number }>();
  for (const s of subRows) {
    const st = stats.get(s[4] as string) ?? { sum: 0, n: 0 };
    st.sum += s[6] as number;
    st.n++;
    stats.set(s[4] as string, st);
  }
  return [...stats.entries()]
    .sort((a, b) => a[1].sum / a[1].n - b[1].sum / b[1].n)
    .map(([tier], i) => [tier, i + 1, 1]);
}
