import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { NUMERIC_LIMITS } from "../../core/limits.ts";
import { type ColumnSpec, Invalid, parseValue } from "./values.ts";

const col = (type: ColumnSpec["type"], extra: Partial<ColumnSpec> = {}): ColumnSpec => ({
  name: "c",
  type,
  required: true,
  ...extra,
});

describe("parseValue", () => {
  it("parses each type and names the reason for bad values", () => {
    expect(parseValue(col("int"), " 42 ")).toBe(42);
    expect(parseValue(col("number"), "27.0")).toBe(27);
    expect(parseValue(col("number"), "1e3")).toBe(1000);
    expect(parseValue(col("bool"), "True")).toBe(true);
    expect(parseValue(col("bool"), "0")).toBe(false);
    expect(parseValue(col("day"), "2024-02-29")).toBe("2024-02-29");
    expect(parseValue(col("datetime"), "2023-07-28 03:00:00")).toBe("2023-07-28 03:00:00");
    expect(parseValue(col("text", { required: false }), "")).toBeNull();
    expect((parseValue(col("int"), "4.5") as Invalid).reason).toBe('"4.5" is not a whole number');
    expect((parseValue(col("number"), "12abc") as Invalid).reason).toBe('"12abc" is not a number');
    expect((parseValue(col("bool"), "yes") as Invalid).reason).toMatch(/not a boolean/);
    expect((parseValue(col("day"), "2024-02-30") as Invalid).reason).toMatch(/not a date/);
    expect((parseValue(col("day"), "12/31/2024") as Invalid).reason).toMatch(/expected YYYY-MM-DD/);
    expect((parseValue(col("datetime"), "2024-01-01 25:00:00") as Invalid).reason).toMatch(/not a date-time/);
    expect((parseValue(col("int", { min: 0 }), "-1") as Invalid).reason).toBe('"-1" is below the minimum 0');
    expect((parseValue(col("id"), "") as Invalid).reason).toBe("required value is empty");
  });
  it("property: any number within the bound printed back parses to itself; past it, Invalid", () => {
    const max = NUMERIC_LIMITS.trait;
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (n) => {
        const v = parseValue(col("number"), String(n));
        return Math.abs(n) <= max ? v === n : v instanceof Invalid && /maximum|minimum/.test(v.reason);
      }),
    );
  });
  it("property: integers round-trip and never parse as Invalid", () => {
    fc.assert(fc.property(fc.integer(), (n) => parseValue(col("int"), String(n)) === n));
  });
  it("property: arbitrary text never throws, it parses or says why", () => {
    const types: ColumnSpec["type"][] = ["id", "text", "day", "datetime", "int", "number", "bool"];
    fc.assert(
      fc.property(fc.constantFrom(...types), fc.string(), (t, s) => {
        const v = parseValue(col(t), s);
        return v instanceof Invalid ? v.reason.length > 0 : v !== undefined;
      }),
    );
  });
});
