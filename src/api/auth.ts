import type { FastifyReply, FastifyRequest } from "fastify";
import { can, type Permission } from "../core/auth/roles.ts";
import { HoldfastError } from "../core/errors.ts";
import { findKeyOwner, type KeyOwner } from "../store/api-keys.ts";
import type { Db } from "../store/open-store.ts";
import { type AuthFailureLimiter, authRateLimited } from "./rate-limit.ts";

declare module "fastify" {
  interface FastifyRequest {
    auth?: KeyOwner;
  }
}

/**
 * onRequest hook for /v1: a valid `Authorization: Bearer <key>` or 401. Scopes every call to the
 * key's org. With a limiter, an address past its failed authentications is refused (429) before
 * its key is looked up.
 */
export function authenticate(db: Db, now: () => Date, limiter?: AuthFailureLimiter) {
  const refuse = (req: FastifyRequest, reply: FastifyReply, message: string): never => {
    const wait = limiter?.fail(req.ip) ?? 0;
    if (wait > 0) {
      reply.header("Retry-After", String(wait));
      throw authRateLimited(wait);
    }
    throw new HoldfastError("unauthorized", message);
  };
  return async (req: FastifyRequest, reply: FastifyReply) => {
    const wait = limiter?.retryAfter(req.ip) ?? 0;
    if (wait > 0) {
      reply.header("Retry-After", String(wait));
      throw authRateLimited(wait);
    }
    const header = req.headers.authorization ?? "";
    const m = /^Bearer\s+(\S+)$/i.exec(header);
    if (!m) return refuse(req, reply, "Missing API key: send Authorization: Bearer <key>");
    const owner = await findKeyOwner(db, m[1]!, now());
    if (!owner) return refuse(req, reply, "Unknown, revoked or expired API key");
    req.auth = owner;
  };
}

/** preHandler: the key's role must grant `p`. */
export function requirePermission(p: Permission) {
  return async (req: FastifyRequest, _reply: FastifyReply) => {
    if (!req.auth || !can(req.auth.role, p)) {
      throw new HoldfastError("forbidden", `This key's role (${req.auth?.role ?? "none"}) may not ${p}`);
    }
  };
}

/** preHandler: the key's role must grant one of `ps`. */
export function requireAnyPermission(ps: readonly Permission[]) {
  return async (req: FastifyRequest, _reply: FastifyReply) => {
    if (!req.auth || !ps.some((p) => can(req.auth!.role, p))) {
      throw new HoldfastError(
        "forbidden",
        `This key's role (${req.auth?.role ?? "none"}) may not ${ps.join(" or ")}`,
      );
    }
  };
}

/** The org of the calling key; routes read it rather than trusting any id in the request. */
export const orgOf = (req: FastifyRequest): number => req.auth!.orgId;
export const actorOf = (req: FastifyRequest): string => `key:${req.auth!.name}`;
