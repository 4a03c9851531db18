/**
 * Churn intent: does the customer say they will (or may) leave? The label policy is in
 * rules-analyzer.ts. Mechanics: the text is cut into clauses (". ! ? ; : , - but however
 * although otherwise"), each clause into tokens; leave-expressions are found by verb lexicon ×
 * object/context (lexicon.ts), then
 * - negation: a negator (not, no, never, ...n't, no intention/plans of) up to 4 tokens before the
 *   verb cancels a leave-expression; a new subject ("we", "if", "it") in between ends the scope,
 *   so "if it isn't fixed we're cancelling" stays intent;
 * - negated or doubted stay-verbs are intent ("we will not be renewing", "not sure we'll renew");
 * - past, resolved mentions are not ("we almost cancelled last year", "I was going to cancel");
 * - hedges (may, might, considering, thinking about, if not) are not negations, so they keep intent.
 */

import { type Clause, doubted, negated, pastResolved, splitClauses } from "./clauses.ts";
import {
  ARTICLES,
  BARE_FOLLOWERS,
  CANCEL_VERBS,
  CHURN_NOUN_FOLLOWERS,
  COMPETITOR_TARGETS,
  DETERMINERS,
  DOWN_VERBS,
  DOWNGRADE_NON_OBJECTS,
  END_VERBS,
  INTERNAL_TARGETS,
  LOWER_PLANS,
  MOVE_FILLERS,
  MOVE_VERBS,
  NEED_OBJECTS,
  NOMINAL_ENDS,
  NOT_NAMES,
  OBJECT_FILLERS,
  OFFBOARD_OBJECTS,
  OTHER_OBJECTS,
  PASSIVE_AUX,
  PLURAL_VENDORS,
  REPLACEMENT_NOUNS,
  SEEK_VERBS,
  STAY_CONTEXT,
  STAY_VERBS,
  STAY_WITH,
  SUB_OBJECTS,
  TAKE_VERBS,
  VENDOR_NOUNS,
} from "./lexicon.ts";

/** "a new tool", "our old system", "a cheaper provider". */
const AGAIN_OR_ELSE = new Set(["new", "cheaper", "old", "previous", "former"]);
/** "move to a vendor that has them" (not "leaving for a company retreat"). */
const PRODUCT_NOUNS = new Set([
  "vendor",
  "provider",
  "tool",
  "platform",
  "solution",
  "system",
  "product",
  "crm",
  "software",
]);

const isSub = (t: string | undefined) =>
  t !== undefined && (SUB_OBJECTS.has(t) || t.startsWith("subscri") || t.startsWith("suscri"));

/** Is the thing after "to"/"with"/"for" at k somewhere else (a competitor, a lower plan)? */
function leavingTarget(c: Clause, k: number): boolean {
  const indefinite = c.low[k] === "a" || c.low[k] === "an" || c.low[k] === "another";
  while (k < c.low.length && DETERMINERS.has(c.low[k]!)) k++;
  const w = c.low.slice(k, k + 3);
  const first = w[0];
  const raw = c.raw[k];
  if (first === undefined || raw === undefined) return false;
  if (LOWER_PLANS.has(first)) return true;
  if (w.some((t) => COMPETITOR_TARGETS.has(t))) return true;
  if (AGAIN_OR_ELSE.has(first) && VENDOR_NOUNS.has(w[1] ?? "")) return true;
  if (indefinite && PRODUCT_NOUNS.has(first)) return true;
  if (w.some((t) => INTERNAL_TARGETS.has(t))) return false;
  const capital = /^\p{Lu}/u.test(raw);
  return capital && (!NOT_NAMES.has(first) || first.includes("."));
}

/**
 * "cancel" is about the subscription unless its object is something else: "cancel the invoice",
 * "cancel a user's invitation", "cancel the Salesforce integration". A bare "cancel" ("we're
 * cancelling", "cancel please", "how do I cancel?") is about the subscription.
 */
function cancelIsLeaving(low: string[], i: number): boolean {
  let k = i + 1;
  if (low[k] === "of") k++;
  const withArticle = ARTICLES.has(low[k] ?? "");
  for (let end = k + (withArticle ? 4 : 5); k < low.length && k <= end; k++) {
    const t = low[k]!;
    if (isSub(t)) return !OTHER_OBJECTS.has(low[k + 1] ?? "");
    if (OTHER_OBJECTS.has(t)) return false;
  }
  if (withArticle) return false;
  if (PASSIVE_AUX.has(low[i - 1] ?? "")) {
    for (let k = i - 2; k >= 0 && k >= i - 4; k--) if (OTHER_OBJECTS.has(low[k]!)) return false;
  }
  return true;
}

/** "end/close/terminate/delete ... our subscription/account/contract". */
function endsSubscription(low: string[], i: number): boolean {
  let k = i + 1;
  if (low[k] === "of" && NOMINAL_ENDS.has(low[i]!)) k++;
  while (k < low.length && k <= i + 3 && OBJECT_FILLERS.has(low[k]!)) k++;
  if (!isSub(low[k])) return false;
  const next = low[k + 1] ?? "";
  return !OTHER_OBJECTS.has(next) && next !== "of" && next !== "for";
}

function moveIsLeaving(c: Clause, i: number): boolean {
  const { low } = c;
  const verb = low[i]!;
  let k = i + 1;
  while (k < low.length && k <= i + 3 && MOVE_FILLERS.has(low[k]!)) k++;
  const next = low[k];
  if (next === "to") return leavingTarget(c, k + 1);
  if (next === "from") return false;
  const isSwitch = verb.startsWith("switch");
  if (!isSwitch && (low[i + 1] === "off" || (low[i + 1] === "away" && low[i + 2] === "from"))) return true;
  if (k !== i + 1) return false;
  if (next === undefined) return true;
  if (isSwitch) return BARE_FOLLOWERS.has(next) || PLURAL_VENDORS.has(next);
  return false;
}

function leaveIsLeaving(c: Clause, i: number): boolean {
  const { low } = c;
  const next = low[i + 1];
  if (next === undefined) return true;
  if (next === "for") return leavingTarget(c, i + 2);
  if (BARE_FOLLOWERS.has(next)) return true;
  if (next === "you") return true;
  return (next === "your" || next === "the" || next === "this") && VENDOR_NOUNS.has(low[i + 2] ?? "");
}

function stayContext(low: string[], i: number): boolean {
  const t = low[i]!;
  if (t.includes("renew")) return true;
  const next = low[i + 1];
  if (next === undefined) return true;
  if (t.startsWith("stick")) return next === "around" || next === "with";
  if (next === "with") return STAY_WITH.has(low[i + 2] ?? "") || VENDOR_NOUNS.has(low[i + 3] ?? "");
  if (next === "to") return ["use", "pay", "work", "renew", "be"].includes(low[i + 2] ?? "");
  return STAY_CONTEXT.has(next);
}

function seekBefore(low: string[], i: number, span = 4): boolean {
  for (let j = i - 1; j >= 0 && j >= i - span; j--) if (SEEK_VERBS.has(low[j]!)) return true;
  return false;
}

function needIsLeaving(low: string[], i: number): boolean {
  let k = i + 1;
  const next = low[k];
  if (next === "it" || next === "this" || next === "us") {
    return ["anymore", "any", "after", "beyond", "going", "from"].includes(low[k + 1] ?? "");
  }
  while (k < low.length && k <= i + 3 && (DETERMINERS.has(low[k]!) || OBJECT_FILLERS.has(low[k]!))) k++;
  return NEED_OBJECTS.has(low[k] ?? "");
}

type Cue = "leave" | "stay";

/** Every token that can start a cue (cueAt's first test; most tokens are not one). */
const TRIGGERS = new Set([
  ...CANCEL_VERBS,
  ...END_VERBS,
  ...MOVE_VERBS,
  ...DOWN_VERBS,
  ...TAKE_VERBS,
  ...STAY_VERBS,
  ...REPLACEMENT_NOUNS,
  ...SEEK_VERBS,
  ..."stop stopping go going went goes leave leaving extend extending stay be renewal keep need needs table lapse expire part elsewhere other another different cheaper new competitor competitors shop shopping done out walk jump jumping plug straw lost lose losing churn churning replace replacing drop dropping".split(
    " ",
  ),
]);
const TRIGGER_STEMS = /^(?:downgrad|pull|unsubscrib|offboard|sunset)/;

/** The cue a token starts, if any: "leave" (true unless negated) or "stay" (true if negated). */
function cueAt(c: Clause, i: number): Cue | undefined {
  const { low } = c;
  const t = low[i]!;
  if (!TRIGGERS.has(t) && !TRIGGER_STEMS.test(t)) return undefined;
  const prev = low[i - 1] ?? "";
  const next = low[i + 1] ?? "";
  if (CANCEL_VERBS.has(t)) return cancelIsLeaving(low, i) ? "leave" : undefined;
  if (END_VERBS.has(t) && endsSubscription(low, i)) return "leave";
  if ((t === "stop" || t === "stopping") && next === "using") return "leave";
  if (MOVE_VERBS.has(t) && moveIsLeaving(c, i)) return "leave";
  if (DOWN_VERBS.has(t)) {
    let k = i + 1;
    while (low[k] === "down" || low[k] === "back" || low[k] === "us") k++;
    if (low[k] === "to") {
      let m = k + 1;
      while (DETERMINERS.has(low[m] ?? "")) m++;
      if (LOWER_PLANS.has(low[m] ?? "")) return "leave";
    }
  }
  if ((t === "go" || t === "going" || t === "went" || t === "goes") && next === "with")
    return leavingTarget(c, i + 2) ? "leave" : undefined;
  if ((t === "go" || t === "going") && next === "back" && low[i + 2] === "to")
    return leavingTarget(c, i + 3) ? "leave" : undefined;
  if ((t === "leave" || t === "leaving") && leaveIsLeaving(c, i)) return "leave";
  if (t === "extend" || t === "extending") return c.low.some(isSub) ? "stay" : undefined;
  if (t === "stay" && prev === "to" && (low[i - 2] === "reason" || low[i - 3] === "reason")) return "leave";
  // "it won't be you", "we won't be with you next year": a negated stay.
  if (t === "be" && (next === "you" || (next === "with" && low[i + 2] === "you"))) return "stay";
  if (STAY_VERBS.has(t)) return stayContext(low, i) ? "stay" : undefined;
  if (t === "renewal" && doubted(low, i)) return "stay";
  if (t === "keep" && (next === "paying" || next === "using" || next === "working")) return "stay";
  if ((t === "need" || t === "needs") && needIsLeaving(low, i)) return "stay";
  if (t.startsWith("downgrad")) {
    const obj = low.slice(i + 1, i + 4);
    return obj.some((o) => DOWNGRADE_NON_OBJECTS.has(o)) ? undefined : "leave";
  }
  if (t === "table" && prev === "the" && low[i - 2] === "off" && low.some((w) => w.startsWith("renew")))
    return "leave";
  if ((t === "lapse" || t === "expire") && low.slice(Math.max(0, i - 4), i).includes("let")) return "leave";
  if (t.startsWith("pull") && next === "out" && (low[i + 2] === undefined || low[i + 2] === "of"))
    return "leave";
  if (t === "part" && next === "ways") return "leave";
  if (TAKE_VERBS.has(t)) {
    let k = i + 1;
    while (k < low.length && k <= i + 4 && MOVE_FILLERS.has(low[k]!)) k++;
    if (k > i + 1 && low[k] === "to" && leavingTarget(c, k + 1)) return "leave";
  }
  if (t.startsWith("unsubscrib") && next === "from") {
    let k = i + 2;
    while (ARTICLES.has(low[k] ?? "")) k++;
    if (VENDOR_NOUNS.has(low[k] ?? "") || isSub(low[k])) return "leave";
  }
  if (t === "elsewhere") return "leave";
  if (REPLACEMENT_NOUNS.has(t) && seekBefore(low, i)) {
    return ["way", "ways", "method", "methods"].includes(next) ? undefined : "leave";
  }
  const newVendor = t === "new" && prev === "a";
  if (
    (t === "other" || t === "another" || t === "different" || t === "cheaper" || newVendor) &&
    seekBefore(low, i)
  ) {
    const noun = next === "cheaper" || next === "better" ? low[i + 2] : next;
    if (VENDOR_NOUNS.has(noun ?? "")) return "leave";
  }
  if ((t === "competitor" || t === "competitors") && seekBefore(low, i, 3)) return "leave";
  if ((t === "shop" || t === "shopping") && next === "around") return "leave";
  if (
    SEEK_VERBS.has(t) &&
    ["something", "someone", "anything"].includes(next) &&
    ["cheaper", "else", "better"].includes(low[i + 2] ?? "")
  )
    return "leave";
  if (t === "done") {
    const subj = ["we're", "i'm", "are", "am", "is", "we", "i"].includes(prev);
    const withUs =
      next === "with" && ["this", "you", "it", "your", "y'all", "them"].includes(low[i + 2] ?? "");
    if (subj && (next === "" || withUs)) return "leave";
  }
  if (t === "out") {
    if ((prev === "we're" || prev === "i'm" || prev === "are" || prev === "am") && next === "")
      return "leave";
    if (prev === "want" || prev === "wants") return "leave";
  }
  if (
    t === "walk" &&
    (next === "away" || (next === "" && (prev === "we" || prev === "i" || prev === "will")))
  )
    return "leave";
  if ((t === "jump" || t === "jumping") && next === "ship") return "leave";
  if (t === "plug" && prev === "the" && (low[i - 2] ?? "").startsWith("pull")) return "leave";
  if (t === "straw" && prev === "last") return "leave";
  if ((t === "lost" || t === "lose" || t === "losing") && (next === "us" || low[i + 2] === "customer"))
    return "leave";
  if ((t === "churn" || t === "churning") && !CHURN_NOUN_FOLLOWERS.has(next)) return "leave";
  if (t.startsWith("offboard") && !OFFBOARD_OBJECTS.has(next)) return "leave";
  if (t.startsWith("sunset") && ["our", "my", "your", "use"].includes(next)) return "leave";
  if ((t === "replace" || t === "replacing") && (next === "you" || next === "your")) return "leave";
  if ((t === "drop" || t === "dropping") && (next === "you" || next === "your")) return "leave";
  return undefined;
}

/** The leave-expressions found (tokens that triggered), after negation and past-resolution. */
export function churnCues(text: string): string[] {
  const cues: string[] = [];
  for (const c of splitClauses(text)) {
    for (let i = 0; i < c.low.length; i++) {
      const cue = cueAt(c, i);
      if (cue === undefined || pastResolved(c.low, i)) continue;
      const neg = negated(c.low, i);
      if (cue === "leave" ? !neg : neg || doubted(c.low, i)) cues.push(c.low[i]!);
    }
  }
  return cues;
}

export function detectChurnIntent(text: string): boolean {
  return churnCues(text).length > 0;
}
