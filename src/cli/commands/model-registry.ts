import type { Command } from "commander";
import { HoldfastError } from "../../core/errors.ts";
import type { UseCaseContext } from "../../usecases/context.ts";
import {
  explainCustomer,
  listModelVersions,
  type ModelView,
  parseModelKind,
  promoteModel,
  queueModelTraining,
} from "../../usecases/model/model-registry.ts";
import { trainModel } from "../../usecases/model/train-model.ts";
import { resolveOrg, withContext } from "../context.ts";
import { fmtInt, table } from "../format.ts";

interface Opts {
  db?: string;
  org?: string;
  json?: boolean;
}

function withOrg<T>(o: Opts, fn: (ctx: UseCaseContext, orgId: number) => Promise<T>): Promise<T> {
  return withContext(o, async (ctx) => fn(ctx, (await resolveOrg(ctx, o.org)).id));
}

const modelId = (v: string): number => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1)
    throw new HoldfastError("invalid_input", `model id must be a whole number (got ${JSON.stringify(v)})`);
  return n;
};

const f3 = (x: unknown) => (typeof x === "number" && Number.isFinite(x) ? x.toFixed(3) : "-");

function headlineOf(m: ModelView): string {
  const h = m.metrics.headline as { name: string; auc: number } | undefined;
  return h ? `${h.name} ${f3(h.auc)}` : "-";
}

/**
 * `holdfast model train|list|promote|explain`: the churn and expansion model registry
 * (docs/model.md). Adds to the `model` command when another file registered it (evaluate).
 */
export function registerModelRegistry(program: Command): void {
  const model =
    program.commands.find((c) => c.name() === "model") ??
    program.command("model").description("churn and expansion models: train, list, promote, explain");
  const common = (c: Command) =>
    c
      .option("--org <slug>", "org (default: the only one)")
      .option("--db <file>", "SQLite file (default: DATABASE_URL, else ./data/holdfast.db)")
      .option("--json", "print JSON");

  common(
    model
      .command("train")
      .description("train a model on the org's history (queued as a job; --now runs it here)"),
  )
    .option("--kind <kind>", "churn or expansion (default: both)")
    .option("--now", "train in this process and print the result")
    .action(async (o: Opts & { kind?: string; now?: boolean }) => {
      const kind = o.kind === undefined ? undefined : parseModelKind(o.kind, "--kind");
      await withOrg(o, async (ctx, orgId) => {
        if (!o.now) {
          const r = await queueModelTraining(ctx, orgId, { kind, actor: "cli" });
          if (o.json) return void console.log(JSON.stringify(r, null, 2));
          for (const j of r.jobs) console.log(`Queued ${j.kind} model training as job ${j.id}`);
          return;
        }
        for (const k of kind ? [kind] : (["churn", "expansion"] as const)) {
          const r = await trainModel(ctx, orgId, { kind: k, actor: "cli" });
          if (o.json) console.log(JSON.stringify(r, null, 2));
          else
            console.log(
              `${k}: model ${r.id} (v${r.version}, ${r.learner}) AUC ${f3(r.auc)} against ${r.headline.name} ${f3(r.headline.auc)} on ${fmtInt(r.rows.valid)} validation rows: ${r.status}. ${r.reason}`,
            );
        }
      });
    });

  common(model.command("list").description("model versions with their validation figures"))
    .option("--kind <kind>", "churn or expansion")
    .action(async (o: Opts & { kind?: string }) => {
      const kind = o.kind === undefined ? undefined : parseModelKind(o.kind, "--kind");
      const r = await withOrg(o, (ctx, orgId) => listModelVersions(ctx, orgId, { kind }));
      if (o.json) return void console.log(JSON.stringify(r, null, 2));
      if (r.models.length === 0) {
        console.log(
          `No models yet: \`holdfast model train\`. Churn risk stays the composite until a model is promoted (needs ${r.minimum.snapshots} monthly snapshots and ${r.minimum.positives} positives).`,
        );
        return;
      }
      console.log(
        table(
          ["id", "kind", "v", "status", "learner", "AUC", "baseline AUC", "window", "trained"],
          r.models.map((m) => [
            String(m.id),
            m.kind,
            String(m.version),
            m.status,
            m.learner,
            f3((m.metrics.model as { auc?: number } | undefined)?.auc),
            headlineOf(m),
            `${m.window.from}..${m.window.to}`,
            m.createdAt.slice(0, 16),
          ]),
        ),
      );
    });

  common(
    model.command("promote <id>").description("promote a model by hand (admin; replaces the promoted one)"),
  )
    .requiredOption("--reason <text>", "why (kept in the audit log)")
    .action(async (id: string, o: Opts & { reason: string }) => {
      const m = await withOrg(o, (ctx, orgId) =>
        promoteModel(ctx, orgId, modelId(id), { reason: o.reason, actor: "cli" }),
      );
      if (o.json) return void console.log(JSON.stringify(m, null, 2));
      console.log(`Model ${m.id} (${m.kind} v${m.version}) is promoted: ${m.statusReason}`);
    });

  common(model.command("explain").description("a customer's churn-model contributions"))
    .requiredOption("--customer <id>", "customer id")
    .option("--model <id>", "a model other than the promoted churn model")
    .action(async (o: Opts & { customer: string; model?: string }) => {
      const r = await withOrg(o, (ctx, orgId) =>
        explainCustomer(ctx, orgId, o.customer, {
          modelId: o.model === undefined ? undefined : modelId(o.model),
        }),
      );
      if (o.json) return void console.log(JSON.stringify(r, null, 2));
      if (!r.model) return void console.log(r.note);
      console.log(
        `${r.customerId} as of ${r.asOf}: churn probability ${((r.probability ?? 0) * 100).toFixed(1)}% (model ${r.model.id}, ${r.model.learner}); contributions to the log-odds from ${f3(r.base)}:`,
      );
      for (const x of r.reasons) console.log(`  ${x.text}`);
    });
}
