import { z } from "zod";

export const ImportRecord = z.object({
  id: z.number().int(),
  kind: z.string(),
  source: z.string(),
  grain: z.string().nullable(),
  status: z.enum(["imported", "unchanged", "refused"]),
  started_at: z.string(),
  finished_at: z.string().nullable(),
  counts: z.unknown().nullable(),
  errors: z.array(z.string()).nullable(),
  error_count: z.number().int(),
});

export const ImportList = z.object({ items: z.array(ImportRecord) });

/** POST /v1/imports answer (multipart body: five CSVs or one zip; field grain optional). */
export const ImportResult = z.object({
  import_id: z.number().int(),
  status: z.enum(["imported", "unchanged"]),
  grain: z.string(),
  rows_read: z.record(z.string(), z.number().int()),
  written: z.record(z.string(), z.number().int()),
  customers: z.number().int(),
});
