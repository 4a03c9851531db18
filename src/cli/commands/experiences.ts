import type { Command } from "commander";
import { experienceKeys } from "../../usecases/experience-keys.ts";
import { resolveOrg, withContext } from "../context.ts";

/** `holdfast experiences keys [--rotate]`: the org's publishable key and identity secret (docs/in-app.md). */
export function registerExperiences(program: Command): void {
  const exp = program.command("experiences").description("in-app experiences: the browser snippet's keys");
  exp
    .command("keys")
    .description(
      "show the org's publishable key (created on first use, with the identity secret shown that once); --rotate makes a new identity secret",
    )
    .option("--rotate", "rotate the identity secret (tokens signed with the old one stop working at once)")
    .option("--org <slug>", "org (default: the only one)")
    .option("--json", "print JSON")
    .option("--db <file>", "SQLite file (default: DATABASE_URL, else ./data/holdfast.db)")
    .action(async (o: { rotate?: boolean; org?: string; json?: boolean; db?: string }) => {
      await withContext(o, async (ctx) => {
        const org = await resolveOrg(ctx, o.org);
        const k = await experienceKeys(ctx, org.id, { rotate: o.rotate === true, actor: "cli" });
        if (o.json) {
          console.log(JSON.stringify(k, null, 2));
          return;
        }
        console.log(`publishable key  ${k.publishableKey}`);
        if (k.identitySecret) {
          console.log(`identity secret  ${k.identitySecret}`);
          console.error(
            `${k.created ? "Created" : "Rotated"} the identity secret of org ${org.slug}: it is shown only now. Keep it on your backend (docs/in-app.md).`,
          );
        } else {
          console.log(`identity secret  [redacted] (set ${k.secretRotatedAt}; --rotate for a new one)`);
        }
      });
    });
}
