import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { ErrorBody } from "../../contracts/common.ts";
import { ExperienceKeysView } from "../../contracts/experiences.ts";
import { experienceKeys, type ExperienceKeysView as KeysView } from "../../usecases/experience-keys.ts";
import { actorOf, orgOf, requirePermission } from "../auth.ts";
import type { RouteDeps } from "../deps.ts";

const errors = { 401: ErrorBody, 403: ErrorBody, 429: ErrorBody };

const view = (k: KeysView) => ({
  publishable_key: k.publishableKey,
  identity_secret: k.identitySecret,
  secret_rotated_at: k.secretRotatedAt,
  created_at: k.createdAt,
  created: k.created,
  rotated: k.rotated,
});

/** The org's in-app keys (admin): the publishable key, and the identity secret shown once. */
export const experienceKeyRoutes: FastifyPluginAsyncZod<RouteDeps> = async (app, { ctx }) => {
  const admin = requirePermission("admin");
  app.get(
    "/experience-keys",
    {
      preHandler: admin,
      schema: {
        tags: ["experiences"],
        summary: "The publishable key (created on first call, with the identity secret shown that once)",
        response: { 200: ExperienceKeysView, ...errors },
      },
    },
    async (req) => view(await experienceKeys(ctx, orgOf(req), { actor: actorOf(req) })),
  );
  app.post(
    "/experience-keys/rotate",
    {
      preHandler: admin,
      schema: {
        tags: ["experiences"],
        summary: "Rotate the identity secret: the new one is shown only now; tokens signed with the old fail",
        response: { 200: ExperienceKeysView, ...errors },
      },
    },
    async (req) => view(await experienceKeys(ctx, orgOf(req), { rotate: true, actor: actorOf(req) })),
  );
};
