import fs from "node:fs";
import type { Command } from "commander";
import { patchAt } from "../../core/config-diff.ts";
import { HoldfastError } from "../../core/errors.ts";
import type { UseCaseContext } from "../../usecases/context.ts";
import {
  orgConfigHistory,
  revertOrgConfig,
  showOrgConfig,
  updateOrgConfig,
} from "../../usecases/org-config.ts";
import { resolveOrg, withContext } from "../context.ts";
import { table } from "../format.ts";

interface Opts {
  db?: string;
  org?: string;
  config?: string;
}

function withOrg<T>(o: Opts, fn: (ctx: UseCaseContext, orgId: number) => Promise<T>): Promise<T> {
  return withContext(o, async (ctx) => fn(ctx, (await resolveOrg(ctx, o.org)).id));
}

/** A value as typed on the command line: JSON when it parses (numbers, booleans, arrays), else text. */
function cliValue(v: string): unknown {
  try {
    return JSON.parse(v);
  } catch {
    return v;
  }
}

const fmt = (v: unknown) => (v === undefined ? "(absent)" : JSON.stringify(v));

function printChanges(changes: { path: string; from: unknown; to: unknown }[]): void {
  for (const c of changes) console.log(`  ${c.path}: ${fmt(c.from)} -> ${fmt(c.to)}`);
}

export function registerConfig(program: Command): void {
  const cfg = program.command("config").description("each org's config: versioned, audited, revertible");
  const common = (c: Command) =>
    c
      .option("--org <slug>", "org (default: the only one)")
      .option("--db <file>", "SQLite file (default: DATABASE_URL, else ./data/holdfast.db)")
      .option("--config <file>", "the file defaults (version 0) for an org without versions");

  common(cfg.command("show").description("the org's effective config (secrets redacted)"))
    .option("--version <n>", "an earlier version (0: the file defaults)")
    .action(async (o: Opts & { version?: string }) => {
      const r = await withOrg(o, (ctx, orgId) =>
        showOrgConfig(ctx, orgId, o.version === undefined ? undefined : Number(o.version)),
      );
      console.log(`# version ${r.version}`);
      console.log(JSON.stringify(r.config, null, 2));
    });

  common(
    cfg
      .command("set [path] [value]")
      .description("change settings: `set scores.churnRisk.bands.high 70`, or `--file patch.json`"),
  )
    .option("--file <file>", "a JSON object of settings, deep-merged over the current config")
    .option("--reason <text>", "why (kept with the version)")
    .action(
      async (
        path: string | undefined,
        value: string | undefined,
        o: Opts & { file?: string; reason?: string },
      ) => {
        let patch: unknown;
        if (o.file) {
          try {
            patch = JSON.parse(fs.readFileSync(o.file, "utf8"));
          } catch (e) {
            throw new HoldfastError("invalid_config", `${o.file}: ${(e as Error).message}`);
          }
        } else if (path && value !== undefined) {
          patch = patchAt(path, cliValue(value));
        } else {
          throw new HoldfastError(
            "invalid_input",
            "give a setting and its value (`set a.b 3`) or --file patch.json",
          );
        }
        const r = await withOrg(o, (ctx, orgId) =>
          updateOrgConfig(ctx, orgId, { patch, author: "cli", reason: o.reason }),
        );
        if (r.unchanged) return void console.log(`unchanged: version ${r.version} already has these values`);
        console.log(`version ${r.version} saved; a refresh of every score is queued`);
        printChanges(r.changes);
      },
    );

  common(cfg.command("history").description("every version: who, when, why, what changed")).action(
    async (o: Opts) => {
      const versions = await withOrg(o, (ctx, orgId) => orgConfigHistory(ctx, orgId));
      if (versions.length === 0)
        return void console.log("version 0: the file defaults (no change saved yet)");
      console.log(
        table(
          ["version", "at", "author", "reason", "changes"],
          versions.map((v) => [
            String(v.version),
            v.at,
            v.author,
            v.reverted_to === null ? v.reason : `${v.reason} (revert to ${v.reverted_to})`,
            v.changes.map((c) => c.path).join(", "),
          ]),
        ),
      );
    },
  );

  common(
    cfg.command("revert <version>").description("make an earlier version current again (as a new version)"),
  )
    .option("--reason <text>", "why")
    .action(async (version: string, o: Opts & { reason?: string }) => {
      const n = Number(version);
      if (!Number.isInteger(n) || n < 0)
        throw new HoldfastError("invalid_input", `version must be a whole number (got ${version})`);
      const r = await withOrg(o, (ctx, orgId) =>
        revertOrgConfig(ctx, orgId, { version: n, author: "cli", reason: o.reason }),
      );
      console.log(`version ${r.version} saved (revert to ${n}); a refresh of every score is queued`);
      printChanges(r.changes);
    });
}
