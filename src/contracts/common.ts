import { z } from "zod";
import { REASON_KINDS } from "../core/early-warning/config.ts";

/** The one error body every failing route answers with (codes in src/core/errors.ts). */
export const ErrorBody = z.object({
  error: z.string().describe("stable error code, e.g. unauthorized, invalid_input, import_failed"),
  message: z.string(),
  details: z.array(z.string()).optional().describe("one line per problem, e.g. file:line: column: reason"),
  request_id: z
    .string()
    .optional()
    .describe("the request's id (its X-Request-Id), also in the server's log lines"),
});

export const RiskLevel = z.enum(["High", "Medium", "Low"]);
export const ReasonKind = z.enum(REASON_KINDS);
