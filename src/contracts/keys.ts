import { z } from "zod";
import { ROLES } from "../core/auth/roles.ts";

/** One API key as listed: never the key itself, only its first characters. */
export const ApiKeyView = z.object({
  id: z.number().int(),
  name: z.string(),
  role: z.enum(ROLES),
  prefix: z.string().describe("the key's first characters, to tell keys apart"),
  created_by: z.string().nullable(),
  created_at: z.string(),
  last_used_at: z.string().nullable().describe("updated at most once a minute"),
  expires_at: z.string().nullable(),
  revoked_at: z.string().nullable(),
});
export type ApiKeyView = z.infer<typeof ApiKeyView>;

/** GET /v1/keys */
export const ApiKeyList = z.object({ items: z.array(ApiKeyView) });
export type ApiKeyList = z.infer<typeof ApiKeyList>;

/** POST /v1/keys */
export const CreateApiKeyBody = z.object({
  name: z.string().trim().min(1).max(100),
  role: z.enum(ROLES),
  expires_days: z.number().int().min(1).max(3650).optional().describe("default: never expires"),
});
export type CreateApiKeyBody = z.infer<typeof CreateApiKeyBody>;

/** The answer to POST /v1/keys: the only time the key is shown. */
export const ApiKeyCreated = ApiKeyView.extend({ key: z.string().describe("shown only now") });
export type ApiKeyCreated = z.infer<typeof ApiKeyCreated>;

export const ApiKeyIdParams = z.object({ id: z.coerce.number().int().min(1) });
