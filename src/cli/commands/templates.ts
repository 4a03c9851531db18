import fs from "node:fs";
import type { Command } from "commander";
import { HoldfastError } from "../../core/errors.ts";
import type { UseCaseContext } from "../../usecases/context.ts";
import { listTemplates, previewTemplate, saveTemplate } from "../../usecases/delivery/templates.ts";
import { resolveOrg, withContext } from "../context.ts";
import { table } from "../format.ts";

interface Opts {
  db?: string;
  org?: string;
}

function withOrg<T>(o: Opts, fn: (ctx: UseCaseContext, orgId: number) => Promise<T>): Promise<T> {
  return withContext(o, async (ctx) => fn(ctx, (await resolveOrg(ctx, o.org)).id));
}

/** `holdfast templates`: the email and SMS templates per step action (docs/email-sms.md). */
export function registerTemplates(program: Command): void {
  const templates = program.command("templates").description("email and SMS templates per step action");
  const common = (c: Command) =>
    c
      .option("--org <slug>", "org (default: the only one)")
      .option("--db <file>", "SQLite file (default: DATABASE_URL, else ./data/holdfast.db)");

  common(templates.command("list", { isDefault: true }).description("every action's template in force"))
    .option("--json", "print JSON")
    .action(async (o: Opts & { json?: boolean }) => {
      const r = await withOrg(o, (ctx, orgId) => listTemplates(ctx, orgId));
      if (o.json) return void console.log(JSON.stringify(r, null, 2));
      console.log(
        table(
          ["action", "channel", "version", "subject"],
          r.templates.map((t) => [
            t.action,
            t.channel,
            t.version === 0 ? "default" : String(t.version),
            t.subject,
          ]),
        ),
      );
    });

  common(templates.command("preview <action>").description("render an action's template for a customer"))
    .requiredOption("--customer <id>", "the customer whose data fills the template")
    .option("--html", "print the HTML body instead of the text body")
    .action(async (action: string, o: Opts & { customer: string; html?: boolean }) => {
      const r = await withOrg(o, (ctx, orgId) =>
        previewTemplate(ctx, orgId, action, { customerId: o.customer }),
      );
      console.log(`To: ${r.to ?? "(no address on file)"}`);
      if (r.channel === "email") console.log(`Subject: ${r.subject}\n`);
      console.log(o.html ? r.html : r.text);
    });

  common(
    templates
      .command("set <action>")
      .description("save a new version from a JSON file {subject, html, text}"),
  )
    .requiredOption("--file <path>", "JSON file with subject, html and text")
    .requiredOption("--reason <text>", "why, kept with the version")
    .action(async (action: string, o: Opts & { file: string; reason: string }) => {
      let body: { subject?: unknown; html?: unknown; text?: unknown };
      try {
        body = JSON.parse(fs.readFileSync(o.file, "utf8")) as typeof body;
      } catch (e) {
        throw new HoldfastError(
          "invalid_input",
          `${o.file}: cannot read a JSON template (${(e as Error).message})`,
        );
      }
      const field = (k: "subject" | "html" | "text") => {
        const v = body[k] ?? "";
        if (typeof v !== "string")
          throw new HoldfastError("invalid_input", `${o.file}: ${k} must be a string`);
        return v;
      };
      const r = await withOrg(o, (ctx, orgId) =>
        saveTemplate(
          ctx,
          orgId,
          action,
          { subject: field("subject"), html: field("html"), text: field("text") },
          { actor: "cli", reason: o.reason },
        ),
      );
      console.log(`Saved ${r.action} version ${r.version}.`);
    });
}
