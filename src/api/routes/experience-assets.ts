import fs from "node:fs/promises";
import path from "node:path";
import type { FastifyReply } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { ErrorBody } from "../../contracts/common.ts";
import { DemoAppInfo, DemoIdentity, DemoIdentityBody } from "../../contracts/experiences.ts";
import { HoldfastError } from "../../core/errors.ts";
import { demoAppInfo, signDemoIdentity } from "../../usecases/demo-app.ts";
import type { RouteDeps } from "../deps.ts";
import { refuseNul } from "../refuse-nul.ts";

/**
 * Unauthenticated assets of the in-app experiences: `/sdk.js` (built by `npm run build` from
 * web/sdk into web/sdk/dist) and the demo host page `/demo-app/` (static files in web/demo-app)
 * with its pretend backend: `GET /demo-app/config` and `POST /demo-app/identity`, which signs an
 * identity token server-side for the demo org only (usecases/demo-app.ts). No secret is served.
 */

const WEB = path.resolve(import.meta.dirname, "../../../web");
export const SDK_FILE = path.join(WEB, "sdk/dist/sdk.js");
const DEMO_DIR = path.join(WEB, "demo-app");
const DEMO_FILES: Record<string, string> = {
  "app.js": "text/javascript; charset=utf-8",
  "app.css": "text/css; charset=utf-8",
};

async function sendFile(reply: FastifyReply, file: string, type: string, missing: string) {
  let body: Buffer;
  try {
    body = await fs.readFile(file);
  } catch {
    throw new HoldfastError("not_found", missing);
  }
  return reply.type(type).header("Cache-Control", "no-cache").send(body);
}

export const experienceAssetRoutes: FastifyPluginAsyncZod<RouteDeps> = async (app, { ctx }) => {
  app.addHook("preValidation", refuseNul);
  app.get("/sdk.js", { schema: { hide: true } }, async (_req, reply) => {
    // Host pages on other origins load the snippet.
    reply.header("Cross-Origin-Resource-Policy", "cross-origin");
    return sendFile(
      reply,
      SDK_FILE,
      "text/javascript; charset=utf-8",
      "The browser snippet is not built: run npm run build",
    );
  });
  app.get("/demo-app", { schema: { hide: true } }, async (_req, reply) => reply.redirect("/demo-app/"));
  app.get("/demo-app/", { schema: { hide: true } }, async (_req, reply) =>
    sendFile(reply, path.join(DEMO_DIR, "index.html"), "text/html; charset=utf-8", "No demo host page"),
  );
  app.get<{ Params: { file: string } }>("/demo-app/:file", { schema: { hide: true } }, async (req, reply) => {
    const type = DEMO_FILES[req.params.file];
    if (!type) throw new HoldfastError("not_found", `No route GET /demo-app/${req.params.file}`);
    return sendFile(reply, path.join(DEMO_DIR, req.params.file), type, `No file ${req.params.file}`);
  });
  app.get(
    "/demo-app/config",
    { schema: { hide: true, response: { 200: DemoAppInfo, 404: ErrorBody } } },
    async () => demoAppInfo(ctx),
  );
  app.post(
    "/demo-app/identity",
    {
      schema: {
        hide: true,
        body: DemoIdentityBody,
        response: { 200: DemoIdentity, 400: ErrorBody, 404: ErrorBody },
      },
    },
    async (req) => signDemoIdentity(ctx, req.body.customerId),
  );
};
