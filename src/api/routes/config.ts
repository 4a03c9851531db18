import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { ErrorBody } from "../../contracts/common.ts";
import {
  ConfigQuery,
  ConfigRevert,
  ConfigSaved,
  ConfigUpdate,
  ConfigVersionView,
  ConfigView,
} from "../../contracts/config.ts";
import {
  orgConfigHistory,
  revertOrgConfig,
  showOrgConfig,
  updateOrgConfig,
} from "../../usecases/org-config.ts";
import { actorOf, orgOf, requirePermission } from "../auth.ts";
import type { RouteDeps } from "../deps.ts";

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 422: ErrorBody };

export const configRoutes: FastifyPluginAsyncZod<RouteDeps> = async (app, deps) => {
  app.get(
    "/config",
    {
      preHandler: requirePermission("admin"),
      schema: {
        tags: ["config"],
        summary:
          "The org's effective config (secrets redacted) and its version; ?version=N for an earlier one",
        querystring: ConfigQuery,
        response: { 200: ConfigView, ...errors },
      },
    },
    async (req) => showOrgConfig(deps.ctx, orgOf(req), req.query.version),
  );

  app.put(
    "/config",
    {
      preHandler: requirePermission("admin"),
      schema: {
        tags: ["config"],
        summary: "Change settings: a new version (audited, with its diff); every score is refreshed",
        description:
          "`config` is deep-merged over the current config (arrays replace). A bad value answers 422 naming each path; nothing changes. `api` settings are per process (the config file).",
        body: ConfigUpdate,
        response: { 200: ConfigSaved, ...errors },
      },
    },
    async (req) => {
      const r = await updateOrgConfig(deps.ctx, orgOf(req), {
        patch: req.body.config,
        author: actorOf(req),
        reason: req.body.reason,
      });
      if (!r.unchanged) deps.wake?.();
      return r;
    },
  );

  app.get(
    "/config/versions",
    {
      preHandler: requirePermission("admin"),
      schema: {
        tags: ["config"],
        summary: "Every config version, newest first: author, time, reason, the changes",
        response: { 200: z.object({ items: z.array(ConfigVersionView) }), ...errors },
      },
    },
    async (req) => ({ items: await orgConfigHistory(deps.ctx, orgOf(req)) }),
  );

  app.post(
    "/config/revert",
    {
      preHandler: requirePermission("admin"),
      schema: {
        tags: ["config"],
        summary: "Make an earlier version (0: the file defaults) current again, as a new version",
        body: ConfigRevert,
        response: { 200: ConfigSaved, ...errors },
      },
    },
    async (req) => {
      const r = await revertOrgConfig(deps.ctx, orgOf(req), {
        version: req.body.version,
        author: actorOf(req),
        reason: req.body.reason,
      });
      deps.wake?.();
      return r;
    },
  );
};
