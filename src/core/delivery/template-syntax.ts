import Handlebars from "handlebars";

/**
 * The template language: Handlebars (HTML-escapes every `{{value}}` by default) restricted to the
 * variables below and the block helpers `if`, `unless` and `each`. A template is checked when it
 * is saved: bad syntax, an unknown variable, a partial or any other helper is refused naming it.
 */

/** Every variable a template may use, with what it holds (shown in the editor). */
export const TEMPLATE_VARIABLES = {
  "customer.name": "The customer's name",
  "customer.id": "The customer's id",
  "contact.name": "The billing contact's name (empty when unknown)",
  "plan.tier": "The customer's plan tier",
  "plan.seats": "Seats on the plan",
  "score.kind": "The headline score's kind (churn_risk by default)",
  "score.level": "The headline score's level (low, medium, high, critical)",
  "score.value": "The headline score (0-100)",
  reasons: "The headline score's top reasons (a list: {{#each reasons}}{{this}}{{/each}})",
  topReason: "The first of the top reasons (empty when none)",
  offer: "The step's offer, when it has one (use {{#if offer}}...{{/if}})",
  "offer.percent": "The offer's discount in percent",
  "offer.cycles": "Billing cycles the discount lasts",
  "offer.months": "Months an extension or pause lasts",
  "offer.expiresOn": "The day the offer expires (YYYY-MM-DD)",
  "sender.name": 'The signature: outreach.senderName, else "The <org> Customer Success team"',
  "org.name": "Your organisation's name",
  unsubscribeUrl: "The customer's one-click unsubscribe link",
} as const;
export type TemplateVariable = keyof typeof TEMPLATE_VARIABLES;

const KNOWN = new Set<string>(Object.keys(TEMPLATE_VARIABLES));
/** Objects holding variables: testable in {{#if}}, never printed. */
const OBJECTS = new Set([...KNOWN].filter((k) => k.includes(".")).map((k) => k.split(".")[0]!));
/** Lists, iterable with `each` (inside, `this` is the item). */
const LISTS = new Set(["reasons"]);
const BLOCKS = new Set(["if", "unless", "each"]);
const ITEM_DATA = new Set(["index", "first", "last"]);

interface AstNode {
  type: string;
  loc?: { start: { line: number; column: number } } | null;
  [k: string]: unknown;
}

/** The problems of one template field (empty: fine). */
export function templateProblems(field: string, source: string): string[] {
  let ast: hbs.AST.Program;
  try {
    ast = Handlebars.parse(source);
  } catch (e) {
    const first = String((e as Error).message).split("\n")[0];
    return [`${field}: bad template syntax: ${first}`];
  }
  const out: string[] = [];
  const where = (n: AstNode) => (n.loc ? ` (line ${n.loc.start.line})` : "");
  const path = (p: AstNode, inEach: boolean, blockArg = false) => {
    if (p.type !== "PathExpression") {
      if (p.type === "SubExpression") out.push(`${field}: helpers are not allowed${where(p)}`);
      return;
    }
    const e = p as unknown as hbs.AST.PathExpression;
    if (e.data) {
      if (!(inEach && e.parts.length === 1 && ITEM_DATA.has(e.parts[0]!)))
        out.push(`${field}: unknown variable @${e.parts.join(".")}${where(p)}`);
      return;
    }
    if (inEach && (e.original === "this" || e.original === ".")) return;
    const name = e.parts.join(".");
    if (e.depth > 0 && !inEach) out.push(`${field}: unknown variable ${e.original}${where(p)}`);
    else if (!KNOWN.has(name) && !(blockArg && OBJECTS.has(name)))
      out.push(`${field}: unknown variable ${e.original}${where(p)}`);
  };
  const walk = (program: hbs.AST.Program | null | undefined, inEach: boolean) => {
    for (const s of program?.body ?? []) {
      const n = s as unknown as AstNode;
      switch (n.type) {
        case "ContentStatement":
        case "CommentStatement":
          break;
        case "MustacheStatement": {
          const m = s as hbs.AST.MustacheStatement;
          if (m.params.length > 0 || m.hash?.pairs.length)
            out.push(
              `${field}: helpers are not allowed: ${(m.path as hbs.AST.PathExpression).original ?? "?"}${where(n)}`,
            );
          else path(m.path as unknown as AstNode, inEach);
          break;
        }
        case "BlockStatement": {
          const b = s as hbs.AST.BlockStatement;
          const helper = b.path.original;
          if (!BLOCKS.has(helper) || b.params.length !== 1) {
            out.push(
              `${field}: unknown block {{#${helper}}}: use if, unless or each with one variable${where(n)}`,
            );
            break;
          }
          const arg = b.params[0] as unknown as AstNode;
          path(arg, inEach, true);
          if (helper === "each") {
            const name = (arg as unknown as hbs.AST.PathExpression).parts?.join(".");
            if (!LISTS.has(name ?? ""))
              out.push(`${field}: {{#each}} needs a list (${[...LISTS].join(", ")})${where(n)}`);
            walk(b.program, true);
            walk(b.inverse, inEach);
          } else {
            walk(b.program, inEach);
            walk(b.inverse, inEach);
          }
          break;
        }
        default:
          out.push(`${field}: ${n.type.replace("Statement", "").toLowerCase()}s are not allowed${where(n)}`);
      }
    }
  };
  walk(ast, false);
  return out;
}

/** The values a template is rendered with (see TEMPLATE_VARIABLES). */
export interface TemplateData {
  customer: { name: string; id: string };
  contact: { name: string };
  plan: { tier: string; seats: number | null };
  score: { kind: string; level: string; value: number | null };
  reasons: string[];
  topReason: string;
  offer: { percent: number | null; cycles: number | null; months: number | null; expiresOn: string } | null;
  sender: { name: string };
  org: { name: string };
  unsubscribeUrl: string;
}

const engine = Handlebars.create();
const cache = new Map<string, { html: HandlebarsTemplateDelegate; text: HandlebarsTemplateDelegate }>();

/** Renders a checked template: `asHtml` true for HTML (every value escaped), false for text. */
export function renderTemplate(source: string, data: TemplateData, asHtml: boolean): string {
  let c = cache.get(source);
  if (!c) {
    const opts = { knownHelpersOnly: true, knownHelpers: { if: true, unless: true, each: true } } as const;
    c = {
      html: engine.compile(source, { ...opts, noEscape: false }),
      text: engine.compile(source, { ...opts, noEscape: true }),
    };
    if (cache.size > 500) cache.clear();
    cache.set(source, c);
  }
  return (asHtml ? c.html : c.text)(data, { allowProtoPropertiesByDefault: false });
}
