import {
  EVIDENCE_GRADES,
  EXIT_CAUSES,
  OFFER_KINDS,
  PLAY_EVENTS,
  PLAY_STAGES,
  REQUIRED_SURFACES,
  SURFACES,
  type Tactic,
} from "../types.ts";
import { ACTIVATE } from "./activate.ts";
import { EXTRAS } from "./extras.ts";
import { GROW } from "./grow.ts";
import { MONETIZE } from "./monetize.ts";
import { REENGAGE } from "./reengage.ts";
import { SAVE } from "./save.ts";

/** Every tactic Holdfast knows: seed 002's 32 in library order, then the seed 000 and 003 extras. */
export const CATALOG: readonly Tactic[] = [
  ...ACTIVATE,
  ...GROW,
  ...SAVE,
  ...MONETIZE,
  ...REENGAGE,
  ...EXTRAS,
];

export const TACTICS: ReadonlyMap<string, Tactic> = new Map(CATALOG.map((t) => [t.slug, t]));

export function tacticBySlug(slug: string): Tactic | undefined {
  return TACTICS.get(slug);
}

const bounded = (
  name: string,
  b: { min: number; default: number; max: number } | undefined,
  lo: number,
  hi: number,
) =>
  b && !(lo <= b.min && b.min <= b.default && b.default <= b.max && b.max <= hi)
    ? [`${name} bounds must satisfy ${lo} <= min <= default <= max <= ${hi}`]
    : [];

/** Problems in one tactic's declaration, in words (empty: valid). */
export function tacticProblems(t: Tactic): string[] {
  const p: string[] = [];
  if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(t.slug)) p.push("slug must be kebab-case");
  if (!PLAY_STAGES.includes(t.stage)) p.push(`unknown stage ${t.stage}`);
  if (t.steps.length === 0) p.push("no steps");
  const ids = new Set<string>();
  t.steps.forEach((s, i) => {
    if (ids.has(s.id)) p.push(`step id ${s.id} repeated`);
    ids.add(s.id);
    if (!SURFACES.includes(s.surface)) p.push(`step ${s.id}: unknown surface ${s.surface}`);
    if (s.waitDays !== undefined && !(s.waitDays > 0)) p.push(`step ${s.id}: wait must be positive`);
    const timed = s.waitDays !== undefined || s.when === "with_previous" || s.on !== undefined;
    if (i > 0 && !timed) p.push(`step ${s.id}: needs a wait, an event or with_previous`);
    if (i === 0 && s.when === "with_previous") p.push(`step ${s.id}: the first step has no previous`);
    if (s.on && !PLAY_EVENTS.includes(s.on)) p.push(`step ${s.id}: unknown event ${s.on}`);
    if (s.offer && !t.offer) p.push(`step ${s.id} carries an offer but the tactic has no offer bounds`);
    if (t.scope === "org" && (s.surface === "in_app" || s.surface === "email" || s.surface === "sms"))
      p.push(`step ${s.id}: an org-scope tactic never messages a customer`);
  });
  if (t.scope === "org" && !t.steps.some((s) => s.surface === "insight"))
    p.push("org-scope tactic without an insight");
  for (const e of t.exits) {
    if (!EXIT_CAUSES.includes(e.cause)) p.push(`unknown exit cause ${e.cause}`);
    if (e.afterDays !== undefined && !(e.afterDays > 0)) p.push("exit window must be positive");
    for (const ev of e.on ?? []) if (!PLAY_EVENTS.includes(ev)) p.push(`exit on unknown event ${ev}`);
  }
  if (!t.exits.some((e) => e.afterDays !== undefined))
    p.push("no window_ended exit: a run could stay open forever");
  if (t.trigger.type === "event") {
    for (const ev of t.trigger.events)
      if (!PLAY_EVENTS.includes(ev)) p.push(`trigger on unknown event ${ev}`);
  }
  if (t.trigger.type === "schedule") {
    const s = t.trigger.schedule;
    const n = "days" in s ? s.days : "day" in s ? s.day : "month" in s ? s.month : Math.min(...s.months);
    if (!(n > 0)) p.push("schedule numbers must be positive");
  }
  if (t.offer) {
    const o = t.offer;
    if (!OFFER_KINDS.includes(o.kind)) p.push(`unknown offer kind ${o.kind}`);
    const percentKinds = ["percent_forever", "percent_cycles", "rescue_plan"];
    if (percentKinds.includes(o.kind) && !o.percent) p.push(`${o.kind} offer needs percent bounds`);
    if (o.kind === "percent_cycles" && !o.cycles) p.push("percent_cycles offer needs cycle bounds");
    if (o.kind === "pause" && !o.months) p.push("pause offer needs month bounds");
    if (o.kind === "trial_extension" && !o.days) p.push("trial_extension offer needs day bounds");
    p.push(...bounded("percent", o.percent, 0, 100), ...bounded("cycles", o.cycles, 1, 36));
    p.push(...bounded("months", o.months, 1, 12), ...bounded("days", o.days, 1, 90));
  }
  for (const [k, v] of Object.entries(t.params)) {
    if (!(v.min <= v.default && v.default <= v.max)) p.push(`param ${k}: min <= default <= max`);
  }
  for (const r of t.guardrails.rateLimits) if (!(r.max >= 1)) p.push("rate limit max must be at least 1");
  if (t.guardrails.rules.length === 0) p.push("no guardrails in words");
  for (const r of t.requires) if (!REQUIRED_SURFACES.includes(r)) p.push(`unknown required surface ${r}`);
  if (!EVIDENCE_GRADES.includes(t.evidence.grade)) p.push(`unknown grade ${t.evidence.grade}`);
  if (!t.evidence.confidence || !t.evidence.headline)
    p.push("evidence needs a confidence phrase and a headline");
  if (!t.success.metric || !(t.success.windowDays > 0)) p.push("success metric needs a name and a window");
  return p.map((m) => `${t.slug}: ${m}`);
}

/** Problems across the catalog: each tactic's, plus duplicate slugs. */
export function catalogProblems(catalog: readonly Tactic[]): string[] {
  const seen = new Set<string>();
  const p: string[] = [];
  for (const t of catalog) {
    if (seen.has(t.slug)) p.push(`${t.slug}: duplicate slug`);
    seen.add(t.slug);
    p.push(...tacticProblems(t));
  }
  return p;
}
