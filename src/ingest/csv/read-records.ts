import { HoldfastError } from "../../core/errors.ts";
import { CsvFormatError, readCsv } from "./read-csv.ts";
import { fileSource } from "./sources.ts";

/** Reads a whole CSV into string records keyed by header (for model evaluation and training tables). */
export async function readRecords(file: string): Promise<Record<string, string>[]> {
  const rows: Record<string, string>[] = [];
  let head: string[] = [];
  const bad: string[] = [];
  try {
    await readCsv(fileSource(file), {
      header(fields) {
        head = fields.map((f) => f.trim());
        const dup = head.find((h, i) => head.indexOf(h) !== i);
        if (dup !== undefined) throw new CsvFormatError(1, `column ${JSON.stringify(dup)} appears twice`);
      },
      row(fields, line) {
        if (fields.length !== head.length) {
          if (bad.length < 20)
            bad.push(`line ${line}: ${fields.length} fields, the header has ${head.length}`);
          return;
        }
        const r: Record<string, string> = {};
        for (let k = 0; k < head.length; k++) r[head[k]!] = fields[k]!;
        rows.push(r);
      },
    });
  } catch (e) {
    if (e instanceof CsvFormatError)
      throw new HoldfastError("invalid_input", `${file}:${e.line}: ${e.message}`);
    if ((e as NodeJS.ErrnoException).code === "ENOENT")
      throw new HoldfastError("invalid_input", `--csv: no file ${file}`);
    throw e;
  }
  if (bad.length)
    throw new HoldfastError("invalid_input", `${file}: rows with the wrong number of fields`, {
      details: bad,
    });
  if (rows.length === 0) throw new HoldfastError("invalid_input", `${file}: no data rows`);
  return rows;
}
