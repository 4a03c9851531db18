import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { ErrorBody } from "../../contracts/common.ts";
import {
  ApiKeyCreated,
  ApiKeyIdParams,
  ApiKeyList,
  ApiKeyView,
  CreateApiKeyBody,
} from "../../contracts/keys.ts";
import { createApiKey } from "../../usecases/create-api-key.ts";
import { type ApiKeyRow, listApiKeys, revokeApiKey } from "../../usecases/manage-api-keys.ts";
import { actorOf, orgOf, requirePermission } from "../auth.ts";
import type { RouteDeps } from "../deps.ts";

const errors = { 401: ErrorBody, 403: ErrorBody, 429: ErrorBody };

const keyView = (k: ApiKeyRow): ApiKeyView => ({
  id: k.id,
  name: k.name,
  role: k.role,
  prefix: k.prefix,
  created_by: k.createdBy,
  created_at: k.createdAt,
  last_used_at: k.lastUsedAt,
  expires_at: k.expiresAt,
  revoked_at: k.revokedAt,
});

/** The org's API keys, for admin keys only: list, create (shown once), revoke; writes audited. */
export const keyRoutes: FastifyPluginAsyncZod<RouteDeps> = async (app, deps) => {
  app.get(
    "/keys",
    {
      preHandler: requirePermission("admin"),
      schema: {
        tags: ["keys"],
        summary: "The org's unrevoked API keys, newest first (never the keys themselves)",
        response: { 200: ApiKeyList, ...errors },
      },
    },
    async (req) => ({ items: (await listApiKeys(deps.ctx, orgOf(req))).map(keyView) }),
  );

  app.post(
    "/keys",
    {
      preHandler: requirePermission("admin"),
      schema: {
        tags: ["keys"],
        summary: "Create an API key; the answer carries the key, the only time it is shown (audited)",
        body: CreateApiKeyBody,
        response: { 201: ApiKeyCreated, 400: ErrorBody, ...errors },
      },
    },
    async (req, reply) => {
      const orgId = orgOf(req);
      const { name, role, expires_days } = req.body;
      const expiresAt = expires_days ? new Date(deps.now().getTime() + expires_days * 86_400_000) : undefined;
      const created = await createApiKey(deps.ctx, orgId, { name, role, expiresAt, actor: actorOf(req) });
      const row = (await listApiKeys(deps.ctx, orgId)).find((k) => k.id === created.id)!;
      return reply.status(201).send({ ...keyView(row), key: created.key });
    },
  );

  app.delete(
    "/keys/:id",
    {
      preHandler: requirePermission("admin"),
      schema: {
        tags: ["keys"],
        summary: "Revoke an API key at once (audited)",
        params: ApiKeyIdParams,
        response: { 200: ApiKeyView, 404: ErrorBody, ...errors },
      },
    },
    async (req) => keyView(await revokeApiKey(deps.ctx, orgOf(req), req.params.id, actorOf(req))),
  );
};
