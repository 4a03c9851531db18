import { DEFAULT_TEMPLATES, type MessageTemplate } from "../../core/delivery/default-templates.ts";
import { TEMPLATE_VARIABLES, templateProblems } from "../../core/delivery/template-syntax.ts";
import { HoldfastError } from "../../core/errors.ts";
import { appendAudit } from "../../store/audit.ts";
import {
  currentTemplates,
  insertTemplateVersion,
  templateVersions,
} from "../../store/messaging/templates.ts";
import { withTransaction } from "../../store/transaction.ts";
import type { UseCaseContext } from "../context.ts";
import { orgConfig } from "../org-config.ts";
import { factsOf, type Rendered, render, templateData, templateOf } from "./message.ts";

export interface TemplateView {
  action: string;
  channel: "email" | "sms";
  /** 0: the shipped default; else the org's saved version. */
  version: number;
  subject: string;
  html: string;
  text: string;
  author: string | null;
  reason: string | null;
  updated_at: string | null;
}

/** Every email and SMS action's template in force for the org, with the variables templates may use. */
export async function listTemplates(ctx: UseCaseContext, orgId: number) {
  const saved = new Map((await currentTemplates(ctx.db, orgId)).map((t) => [t.action, t]));
  const templates: TemplateView[] = [...DEFAULT_TEMPLATES]
    .map(([action, d]) => {
      const s = saved.get(action);
      return s
        ? {
            action,
            channel: d.channel,
            version: s.version,
            subject: s.subject,
            html: s.html,
            text: s.text,
            author: s.author,
            reason: s.reason,
            updated_at: s.created_at,
          }
        : {
            action,
            channel: d.channel,
            version: 0,
            ...d.template,
            author: null,
            reason: null,
            updated_at: null,
          };
    })
    .sort((a, b) => a.action.localeCompare(b.action));
  return { templates, variables: TEMPLATE_VARIABLES };
}

/** Saved versions of one action's template, newest first. */
export async function templateHistory(ctx: UseCaseContext, orgId: number, action: string) {
  requireAction(action);
  return templateVersions(ctx.db, orgId, action);
}

function requireAction(action: string) {
  const d = DEFAULT_TEMPLATES.get(action);
  if (!d)
    throw new HoldfastError("not_found", `no email or SMS step has the action ${JSON.stringify(action)}`, {
      details: [`actions: ${[...DEFAULT_TEMPLATES.keys()].join(", ")}`],
    });
  return d;
}

/** Refuses a template with bad syntax or an unknown variable, naming the field and the problem. */
export function checkTemplate(channel: "email" | "sms", t: MessageTemplate): void {
  const problems = [
    ...(channel === "email" && t.subject.trim() === "" ? ["subject: must not be empty"] : []),
    ...(channel === "email" && t.html.trim() === "" ? ["html: must not be empty"] : []),
    ...(t.text.trim() === "" ? ["text: must not be empty"] : []),
    ...templateProblems("subject", t.subject),
    ...templateProblems("html", t.html),
    ...templateProblems("text", t.text),
  ];
  if (problems.length > 0)
    throw new HoldfastError("invalid_input", `template refused: ${problems[0]}`, { details: problems });
}

/** Saves a new version of an action's template (author and reason kept), audited. */
export async function saveTemplate(
  ctx: UseCaseContext,
  orgId: number,
  action: string,
  t: MessageTemplate,
  opts: { actor: string; reason: string },
): Promise<TemplateView> {
  const d = requireAction(action);
  const body = d.channel === "sms" ? { subject: "", html: "", text: t.text } : t;
  checkTemplate(d.channel, body);
  const at = ctx.now().toISOString();
  const version = await withTransaction(ctx.db, async (tx) => {
    const v = await insertTemplateVersion(tx, orgId, {
      action,
      ...body,
      author: opts.actor,
      reason: opts.reason,
      created_at: at,
    });
    await appendAudit(tx, orgId, ctx.now(), {
      actor: opts.actor,
      action: "template.save",
      subject: action,
      detail: { version: v, reason: opts.reason },
    });
    return v;
  });
  return {
    action,
    channel: d.channel,
    version,
    ...body,
    author: opts.actor,
    reason: opts.reason,
    updated_at: at,
  };
}

/**
 * Renders an action's template (the one in force, or the unsaved `draft` of the editor) with a
 * real customer's data: their name, plan, headline score and reasons, the org's signature and a
 * working unsubscribe link. A step's offer is shown with example terms when the customer has none.
 */
export async function previewTemplate(
  ctx: UseCaseContext,
  orgId: number,
  action: string,
  input: { customerId: string; draft?: MessageTemplate | undefined },
): Promise<Rendered & { action: string; channel: "email" | "sms"; to: string | null; customer_id: string }> {
  const d = requireAction(action);
  if (input.draft) checkTemplate(d.channel, input.draft);
  const { config } = await orgConfig(ctx, orgId);
  const facts = await factsOf(ctx, config, orgId, input.customerId);
  if (!facts)
    throw new HoldfastError("not_found", `no customer ${JSON.stringify(input.customerId)} in this org`);
  const t = input.draft ?? (await templateOf(ctx, orgId, action))!.template;
  const data = await templateData(ctx, config, orgId, facts, null, d.channel);
  data.offer ??= {
    percent: 20,
    cycles: 3,
    months: null,
    expiresOn: new Date(ctx.now().getTime() + 14 * 86_400_000).toISOString().slice(0, 10),
  };
  const r = render(t, data);
  const sms = d.channel === "sms";
  return {
    action,
    channel: d.channel,
    customer_id: facts.id,
    to: sms ? facts.phone : facts.billingEmail,
    subject: r.subject,
    html: r.html,
    text: sms ? `${r.text.trim()} ${config.delivery.sms.optOutText}` : r.text,
  };
}
