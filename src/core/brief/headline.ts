import { filterLabel } from "../customers/list-filters.ts";
import { type CustomerStatus, STATUS_LABELS } from "../customers/status.ts";

/** What the brief's opening sentence is made of: the customer's status and its headline score. */
export interface HeadlineFacts {
  status: string | null;
  churnDate: string | null;
  churnReason: string | null;
  lostArr: number | null;
  arr: number;
  /** The headline score's name in words ("Churn risk"). */
  scoreLabel: string;
  score: number | null;
  level: string | null;
  /** The headline score's top reasons in words, strongest first. */
  reasons: readonly string[];
}

/** Days in words, as the dashboard's chips show them ("Mar 14, 2026"). */
const day = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeZone: "UTC" });
const dayInWords = (d: string) => {
  const t = new Date(`${d.slice(0, 10)}T00:00:00Z`);
  return Number.isNaN(t.getTime()) ? d : day.format(t);
};

const money = new Intl.NumberFormat("en-US", {
  style: "currency",
  currency: "USD",
  maximumFractionDigits: 0,
});

/** "Sessions down 62%" -> "sessions down 62%"; "NPS 3" and "API calls" keep their capitals. */
function lowerFirst(s: string): string {
  return s.length > 1 && s[1] === s[1]!.toLowerCase() ? s.charAt(0).toLowerCase() + s.slice(1) : s;
}

/**
 * The brief's one opening sentence, agreeing with every chip: a churned customer's churn
 * ("Churned on Mar 14, 2026 (reason: Pricing), $12,000 ARR lost"); else the headline score's level,
 * score and top reasons ("Churn risk high (72): sessions down 62% ..."), with the status when it
 * is not active.
 */
export function headlineSentence(f: HeadlineFacts): string {
  if (f.status === "churned") {
    const on = f.churnDate ? `Churned on ${dayInWords(f.churnDate)}` : "Churned";
    const why = f.churnReason ? ` (reason: ${filterLabel(f.churnReason)})` : " (no reason recorded)";
    return `${on}${why}, ${money.format(f.lostArr ?? f.arr)} ARR lost`;
  }
  const word =
    f.status && f.status !== "active" && f.status in STATUS_LABELS
      ? STATUS_LABELS[f.status as CustomerStatus].toLowerCase()
      : null;
  // The status is said once: not again when a reason already says it ("Subscription past due").
  const status =
    word && !f.reasons.slice(0, 3).some((r) => r.toLowerCase().includes(word)) ? `; ${word}` : "";
  if (f.level === null || f.score === null) {
    const why = f.reasons[0] ? `: ${lowerFirst(f.reasons[0])}` : "";
    return `${f.scoreLabel} not scored yet${why}${status}`;
  }
  const reasons = f.reasons.slice(0, 3).map(lowerFirst).join(", ");
  return `${f.scoreLabel} ${f.level.toLowerCase()} (${f.score})${reasons ? `: ${reasons}` : ""}${status}`;
}
