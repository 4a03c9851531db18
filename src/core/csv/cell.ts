/** Characters that make a spreadsheet read a cell as a formula (OWASP "CSV injection"). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One CSV cell, as every CSV export writes it (RFC 4180 quoting). A text cell a spreadsheet would
 * run as a formula (starting with =, +, -, @, tab or carriage return) is neutralised as OWASP
 * recommends: prefixed with a single quote and quoted. Numbers are written as they are, so a
 * negative number stays a number. Arrays are joined with "; ", null and undefined are empty.
 */
export function csvCell(v: unknown): string {
  if (typeof v === "number" || typeof v === "bigint") return String(v);
  const s = Array.isArray(v) ? v.join("; ") : v === null || v === undefined ? "" : String(v);
  if (FORMULA_START.test(s)) return `"'${s.replaceAll('"', '""')}"`;
  return /[",\n\r]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/** One CSV line (CRLF-terminated) of cells. */
export const csvRow = (cells: readonly unknown[]): string => `${cells.map(csvCell).join(",")}\r\n`;
