import helmet from "@fastify/helmet";
import type { FastifyInstance } from "fastify";

/**
 * The Content-Security-Policy of every answer: the dashboard (web/dist) and the API docs
 * (swagger-ui at /docs) load scripts, styles and fonts from this origin only, with no inline
 * scripts; no page may frame them.
 */
export const CSP_DIRECTIVES = {
  defaultSrc: ["'self'"],
  baseUri: ["'self'"],
  scriptSrc: ["'self'"],
  scriptSrcAttr: ["'none'"],
  styleSrc: ["'self'"],
  imgSrc: ["'self'", "data:"],
  fontSrc: ["'self'", "data:"],
  connectSrc: ["'self'"],
  objectSrc: ["'none'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
};

/**
 * Security headers on every answer (helmet): the CSP above, `X-Content-Type-Options: nosniff`,
 * `Referrer-Policy: no-referrer`, `X-Frame-Options: DENY`. No upgrade-insecure-requests: the
 * service may be served over plain HTTP on a private network.
 */
export async function registerSecurityHeaders(app: FastifyInstance): Promise<void> {
  await app.register(helmet, {
    global: true,
    contentSecurityPolicy: { useDefaults: false, directives: CSP_DIRECTIVES },
    referrerPolicy: { policy: "no-referrer" },
    xFrameOptions: { action: "deny" },
  });
}

/**
 * The API docs' policy: the site's, plus the hash of the one inline `<style>` swagger-ui draws
 * (inside its logo SVG). A swagger-ui upgrade that changes it fails test/browser/csp.test.ts.
 */
const SWAGGER_LOGO_STYLE = "'sha256-RL3ie0nH+Lzz2YNqQN83mnU0J1ot4QL7b99vMdIX99w='";
export const docsCsp = (header: string): string =>
  header.replace(/(^|;)style-src 'self'/, `$1style-src 'self' ${SWAGGER_LOGO_STYLE}`);
