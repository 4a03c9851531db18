/**
 * Clauses and negation scope for churn-intent.ts. A clause ends at . ! ? ; : , ( ) " " - " and at
 * "but / however / although / otherwise": negation never crosses one ("we won't cancel, but ...").
 */
import { DOUBT_MARKERS, NEGATORS, SCOPE_BREAKERS } from "./lexicon.ts";

export interface Clause {
  /** Tokens as written (for capitalised competitor names). */
  raw: string[];
  /** Lower-cased tokens with straight apostrophes. */
  low: string[];
}

/** One scan: a clause boundary (group 1), a conjunction that starts a new clause (2), or a token (3). */
const SCAN =
  /([.!?;:]+(?=\s|$)|\s[-–—]+\s|[,()\n"“”])|\b(but|however|although|though|otherwise|except|whereas)\b|([\p{L}\p{N}]+(?:['’\-.][\p{L}\p{N}]+)*|\+1)/giu;

/** Past, resolved episodes: "we almost cancelled last year", "I was going to cancel, but". */
const PAST_RESOLVED =
  /\b(?:almost|nearly|(?:was|were) (?:about|going) to|had (?:planned|considered|thought|wanted|decided|intended)|considered|thought about|used to)\b/;

export function splitClauses(text: string): Clause[] {
  const out: Clause[] = [];
  let raw: string[] = [];
  let low: string[] = [];
  SCAN.lastIndex = 0;
  for (let m = SCAN.exec(text); m !== null; m = SCAN.exec(text)) {
    const token = m[3];
    if (token === undefined) {
      if (raw.length > 0) out.push({ raw, low });
      raw = [];
      low = [];
    } else {
      raw.push(token);
      low.push(token.toLowerCase().replaceAll("’", "'"));
    }
  }
  if (raw.length > 0) out.push({ raw, low });
  return out;
}

const isNegator = (t: string) => NEGATORS.has(t) || t.endsWith("n't");
const isDoubtNot = (low: string[], j: number) =>
  isNegator(low[j]!) && (low[j + 1] === "sure" || low[j + 1] === "certain");

/** A negator within 4 tokens before `i`, in scope (no new subject in between). */
export function negated(low: string[], i: number): boolean {
  for (let j = i - 1; j >= 0 && j >= i - 4; j--) {
    const t = low[j]!;
    if (isDoubtNot(low, j)) continue;
    if (isNegator(t)) {
      // "give me one reason not to switch" is not a negation of switching.
      return !(t === "not" && (low[j - 1] === "reason" || low[j - 2] === "reason"));
    }
    if (SCOPE_BREAKERS.has(t)) return low[j - 1] === "way" && low[j - 2] === "no";
  }
  return false;
}

/** Doubt about continuing: "whether to renew", "not sure we'll stick around". */
export function doubted(low: string[], i: number): boolean {
  for (let j = i - 1; j >= 0 && j >= i - 5; j--) {
    if (DOUBT_MARKERS.has(low[j]!) || isDoubtNot(low, j)) return true;
  }
  return false;
}

export const pastResolved = (low: string[], i: number) =>
  PAST_RESOLVED.test(low.slice(Math.max(0, i - 6), i).join(" "));
