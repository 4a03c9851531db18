import { describe, expect, it } from "vitest";
import { csvCell, csvRow } from "./cell.ts";

describe("csvCell", () => {
  it("quotes separators, quotes and line breaks", () => {
    expect(csvCell("a,b")).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell("a\nb")).toBe('"a\nb"');
    expect(csvCell("plain")).toBe("plain");
    expect(csvCell(null)).toBe("");
    expect(csvCell(["x", "y"])).toBe("x; y");
  });

  it("neutralises formula cells with a leading quote, quoted", () => {
    expect(csvCell('=HYPERLINK("http://x","y")')).toBe(`"'=HYPERLINK(""http://x"",""y"")"`);
    for (const c of ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"]) expect(csvCell(c)).toBe(`"'${c}"`);
    expect(csvCell(-5)).toBe("-5");
    expect(csvCell(["=a", "b"])).toBe(`"'=a; b"`);
  });

  it("writes a CRLF row", () => {
    expect(csvRow(["a", 1, "=b"])).toBe(`a,1,"'=b"\r\n`);
  });
});
