import { z } from "zod";

/** PUT /v1/config: settings to change (deep-merged over the org's current config) and why. */
export const ConfigUpdate = z.object({
  config: z.record(z.string(), z.unknown()),
  reason: z.string().max(500).optional(),
});

/** `from` is absent when the setting is new, `to` when it was removed. */
export const ConfigChange = z.object({
  path: z.string(),
  from: z.unknown().optional(),
  to: z.unknown().optional(),
});

export const ConfigVersionView = z.object({
  version: z.number().int(),
  author: z.string(),
  reason: z.string(),
  at: z.string(),
  reverted_to: z.number().int().nullable(),
  changes: z.array(ConfigChange),
});

/** GET /v1/config: the effective config (secrets redacted) and its version (0: the file defaults). */
export const ConfigView = z.object({
  version: z.number().int(),
  config: z.record(z.string(), z.unknown()),
});

export const ConfigQuery = z.object({ version: z.coerce.number().int().min(0).optional() });

export const ConfigSaved = ConfigVersionView.extend({ unchanged: z.boolean() });

export const ConfigRevert = z.object({
  version: z.number().int().min(0),
  reason: z.string().max(500).optional(),
});
