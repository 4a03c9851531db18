import { NUMERIC_LIMITS } from "../../core/limits.ts";
import { isIsoDay } from "../../core/util/dates.ts";

/** How a CSV column's text becomes a value. */
export type ValueType = "id" | "text" | "day" | "datetime" | "int" | "number" | "bool";

export interface ColumnSpec {
  name: string;
  type: ValueType;
  /** An empty value is an error (otherwise it becomes null). */
  required: boolean;
  min?: number;
  max?: number;
}

/** A value that failed; `reason` completes "file:line: column: ...". */
export class Invalid {
  readonly reason: string;
  constructor(reason: string) {
    this.reason = reason;
  }
}

export const LIMITS = { idLength: 200, textLength: 20_000 } as const;

const INT = /^[+-]?\d+$/;
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const DATETIME =
  /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

// A file holds few distinct days, so each is checked once (Date arithmetic per value is slow).
const dayCache = new Map<string, boolean>();
function isDay(v: string): boolean {
  let ok = dayCache.get(v);
  if (ok === undefined) {
    ok = isIsoDay(v);
    if (dayCache.size > 100_000) dayCache.clear();
    dayCache.set(v, ok);
  }
  return ok;
}

function show(raw: string): string {
  return JSON.stringify(raw.length > 40 ? `${raw.slice(0, 40)}...` : raw);
}

/** Any number past this size is refused (so sums over every customer stay exact and finite). */
const ABS_MAX = NUMERIC_LIMITS.trait;

function inRange(spec: ColumnSpec, n: number, raw: string): number | Invalid {
  const min = spec.min ?? -ABS_MAX;
  const max = spec.max ?? ABS_MAX;
  if (n < min) return new Invalid(`${show(raw)} is below the minimum ${min}`);
  if (n > max) return new Invalid(`${show(raw)} is above the maximum ${max}`);
  return n;
}

/** Parses one CSV value by its column spec: the value, null for an allowed empty, or Invalid. */
export function parseValue(spec: ColumnSpec, raw: string): unknown {
  const v = raw.trim();
  if (v === "") return spec.required ? new Invalid("required value is empty") : null;
  switch (spec.type) {
    case "id":
      if (v.length > LIMITS.idLength) return new Invalid(`id is longer than ${LIMITS.idLength} characters`);
      return v;
    case "text":
      if (v.length > LIMITS.textLength)
        return new Invalid(`text is longer than ${LIMITS.textLength} characters`);
      return v;
    case "day":
      return isDay(v) ? v : new Invalid(`${show(v)} is not a date (expected YYYY-MM-DD)`);
    case "datetime": {
      const m = DATETIME.exec(v);
      if (
        !m ||
        !isIsoDay(m[1]!) ||
        Number(m[2] ?? 0) > 23 ||
        Number(m[3] ?? 0) > 59 ||
        Number(m[4] ?? 0) > 59
      ) {
        return new Invalid(`${show(v)} is not a date-time (expected YYYY-MM-DD or YYYY-MM-DD HH:MM:SS)`);
      }
      return v;
    }
    case "int":
      return INT.test(v) ? inRange(spec, Number(v), v) : new Invalid(`${show(v)} is not a whole number`);
    case "number": {
      if (!NUMBER.test(v)) return new Invalid(`${show(v)} is not a number`);
      return inRange(spec, Number(v), v);
    }
    case "bool":
      switch (v) {
        case "True":
        case "true":
        case "TRUE":
        case "1":
          return true;
        case "False":
        case "false":
        case "FALSE":
        case "0":
          return false;
        default:
          return new Invalid(`${show(v)} is not a boolean (expected True/False, true/false or 1/0)`);
      }
  }
}
