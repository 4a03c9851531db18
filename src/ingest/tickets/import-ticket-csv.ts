import { createHash } from "node:crypto";
import { HoldfastError } from "../../core/errors.ts";
import type { Row } from "../../store/bulk-upsert.ts";
import type { LinkIndex } from "../../store/tickets.ts";
import { CsvFormatError, type CsvSource, readCsv } from "../csv/read-csv.ts";
import { ErrorList } from "../csv/read-table.ts";
import { Invalid, parseValue } from "../csv/values.ts";
import { type ColumnPick, pickColumns } from "./pick-columns.ts";

/** Longest ticket text kept; longer text is cut (and counted), as analyzers cap input anyway. */
export const MAX_TICKET_CHARS = 20_000;

export interface TicketLinkCounts {
  customer_id: number;
  account_id: number;
  email_domain: number;
}

/** A ticket CSV read and validated: the rows to write (ticket_texts order), or every error. */
export type TicketCsvRead =
  | {
      ok: true;
      /** ticket_texts rows, sorted by id. */
      rows: Row[];
      /** How the columns were picked. */
      preview: string[];
      linked: TicketLinkCounts;
      unlinked: number;
      truncated: number;
      duplicatesSkipped: number;
      /** Customers the tickets are tied to (by customer id or email domain) and accounts (any link). */
      customerIds: string[];
      accountIds: string[];
    }
  | { ok: false; errors: string[]; errorCount: number };

async function readAll(source: CsvSource, errors: ErrorList) {
  let header: string[] = [];
  const rows: { fields: string[]; line: number }[] = [];
  try {
    await readCsv(
      source,
      {
        header: (h) => {
          header = h.map((x) => x.trim());
        },
        row: (fields, line) => {
          if (fields.length !== header.length)
            errors.add(`${source.name}:${line}: expected ${header.length} fields, found ${fields.length}`);
          else rows.push({ fields, line });
        },
      },
      { stripNul: true },
    );
  } catch (e) {
    if (!(e instanceof CsvFormatError)) throw e;
    errors.add(`${source.name}:${e.line}: ${e.message}`);
  }
  return { header, rows };
}

/** Which columns a ticket CSV would use, without importing it. */
export async function previewTicketCsv(source: CsvSource): Promise<{ header: string[]; notes: string[] }> {
  const errors = new ErrorList();
  const { header, rows } = await readAll(source, errors);
  if (errors.total > 0)
    throw new HoldfastError("import_failed", "The ticket file cannot be read", { details: errors.lines() });
  return {
    header,
    notes: pickColumns(
      header,
      rows.slice(0, 200).map((r) => r.fields),
    ).notes,
  };
}

const cell = (r: string[], i: number | undefined) => (i === undefined ? "" : (r[i] ?? "").trim());

/**
 * Reads support tickets with free text (seed 004's ticket CSV): subject + body, or the best
 * text-like column. Each ticket is tied to a customer by customer id, account id or a unique
 * email domain (from `links`), and is left unlinked (never guessed) when nothing matches.
 * Writes nothing; a ticket without a date is dated `today`.
 */
export async function readTicketCsv(
  source: CsvSource,
  links: LinkIndex,
  opts: { today: string },
): Promise<TicketCsvRead> {
  const errors = new ErrorList();
  const { header, rows } = await readAll(source, errors);
  const { pick, notes } = pickColumns(
    header,
    rows.slice(0, 200).map((r) => r.fields),
  );
  if (pick.subject === undefined && pick.text === undefined && header.length > 0) {
    errors.add(
      `${source.name}:1: no text column found (looked for subject and body, or ${["text", "description", "message"].join(", ")}, ...)`,
    );
  }
  const out: Row[] = [];
  const seen = new Map<string, number>();
  const linked = { customer_id: 0, account_id: 0, email_domain: 0 };
  let unlinked = 0;
  let truncated = 0;
  let skippedDuplicates = 0;
  const today = opts.today;
  const customers = new Set<string>();
  const accounts = new Set<string>();
  for (const { fields, line } of errors.total === 0 ? rows : []) {
    const at = (col: keyof ColumnPick) => cell(fields, pick[col]);
    const subject = at("subject");
    let body = pick.body !== undefined ? at("body") : at("text");
    if (pick.body === undefined && pick.text === undefined) body = "";
    const text = `${subject} ${body}`.replaceAll("\u0000", "").trim();
    if (!text) {
      errors.add(
        `${source.name}:${line}: ${header[pick.body ?? pick.text ?? pick.subject ?? 0]}: ticket has no text`,
      );
      continue;
    }
    if (body.length > MAX_TICKET_CHARS) {
      body = body.slice(0, MAX_TICKET_CHARS);
      truncated++;
    }
    let submitted = today;
    if (pick.submittedAt !== undefined && at("submittedAt")) {
      const v = parseValue(
        { name: header[pick.submittedAt]!, type: "datetime", required: true },
        at("submittedAt"),
      );
      if (v instanceof Invalid) {
        errors.add(`${source.name}:${line}: ${header[pick.submittedAt]}: ${v.reason}`);
        continue;
      }
      submitted = v as string;
    }
    // Without an id column, a ticket is named by its content so re-imports match it.
    const id =
      at("id") ||
      `T-${createHash("sha256").update(`${submitted}\u0000${subject}\u0000${body}`).digest("hex").slice(0, 16)}`;
    const first = seen.get(id);
    if (first !== undefined) {
      if (pick.id === undefined) {
        skippedDuplicates++;
        continue;
      }
      errors.add(
        `${source.name}:${line}: ${header[pick.id]}: duplicate id ${JSON.stringify(id)} (first on line ${first})`,
      );
      continue;
    }
    seen.set(id, line);
    const email = at("email").toLowerCase();
    const domain = email.includes("@") ? email.split("@").pop()! : "";
    let customerId: string | null = null;
    let accountId: string | null = null;
    let linkedBy: string | null = null;
    if (at("customerId") && links.customerAccount.has(at("customerId"))) {
      customerId = at("customerId");
      accountId = links.customerAccount.get(customerId)!;
      linkedBy = "customer_id";
    } else if (at("accountId") && links.accounts.has(at("accountId"))) {
      accountId = at("accountId");
      linkedBy = "account_id";
    } else if (domain && links.domains.has(domain)) {
      ({ customerId, accountId } = links.domains.get(domain)!);
      linkedBy = "email_domain";
    }
    if (linkedBy) linked[linkedBy as keyof typeof linked]++;
    else unlinked++;
    if (customerId) customers.add(customerId);
    if (accountId) accounts.add(accountId);
    out.push([
      id,
      accountId,
      customerId,
      submitted,
      at("priority") || null,
      subject || null,
      body || null,
      at("tags") || null,
      at("queue") || null,
      at("language") || null,
      email || null,
      linkedBy,
      0,
    ]);
  }
  if (errors.total > 0) return { ok: false, errors: errors.lines(), errorCount: errors.total };
  out.sort((a, b) => (a[0]! < b[0]! ? -1 : a[0]! > b[0]! ? 1 : 0));
  return {
    ok: true,
    rows: out,
    preview: notes,
    linked,
    unlinked,
    truncated,
    duplicatesSkipped: skippedDuplicates,
    customerIds: [...customers],
    accountIds: [...accounts],
  };
}
