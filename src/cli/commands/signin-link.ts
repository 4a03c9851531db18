import type { Command } from "commander";
import { readEnv } from "../../config/env.ts";
import { HoldfastError } from "../../core/errors.ts";
import { createSignInKey } from "../../usecases/manage-api-keys.ts";
import { resolveOrg, withContext } from "../context.ts";

/** The dashboard's address as `holdfast serve` would listen with the same environment. */
function defaultUrl(): string {
  const env = readEnv();
  const host = env.host === "0.0.0.0" || env.host === "::" ? "localhost" : env.host;
  return `http://${host.includes(":") ? `[${host}]` : host}:${env.port}`;
}

export function registerSigninLink(program: Command): void {
  program
    .command("signin-link")
    .description("print a dashboard sign-in link carrying a new short-lived admin key (audited)")
    .option("--org <slug>", "org (default: the only one)")
    .option("--hours <n>", "hours the link stays valid", "24")
    .option("--url <url>", "the dashboard's address (default: from HOST and PORT)")
    .option("--db <file>", "SQLite file (default: DATABASE_URL, else ./data/holdfast.db)")
    .action(async (o: { org?: string; hours: string; url?: string; db?: string }) => {
      const hours = Number(o.hours);
      if (!(hours > 0 && hours <= 720)) {
        throw new HoldfastError("invalid_input", "--hours must be a number from 1 to 720");
      }
      const url = (o.url ?? defaultUrl()).replace(/\/+$/, "");
      await withContext(o, async (ctx) => {
        const org = await resolveOrg(ctx, o.org);
        const { id, expiresAt, key } = await createSignInKey(ctx, org.id, { hours, actor: "cli" });
        console.log(`${url}/#key=${key}`);
        console.error(
          `Sign-in link for org ${org.slug}: an admin key (id ${id}) valid until ${expiresAt.toISOString()}, shown only now. Revoke it early with \`holdfast keys revoke ${id}\`.`,
        );
      });
    });
}
