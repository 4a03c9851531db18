/**
 * Deterministic synthetic support tickets for the tickets benchmark. Each ticket is built around
 * one text of the labeled evaluation set (src/core/tickets/eval-set.jsonl), wrapped the way real
 * tickets are: a greeting, account context, more of the same topic, steps to reproduce, pasted log
 * lines, a quoted earlier message, a sign-off. Lengths follow a log-normal curve (median about 450
 * characters) with a 2% tail of long threads (3,000-12,000 characters).
 */
import type { LabeledTicket } from "../src/core/tickets/evaluate.ts";
import { loadEvalSet } from "../src/usecases/evaluate-tickets.ts";

export interface SyntheticTicket {
  id: string;
  subject: string;
  body: string;
  submittedAt: string;
}

/** mulberry32: small, fast, deterministic. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const COMPANIES = [
  "Northwind",
  "Brightline",
  "Acme Logistics",
  "Fabrikam",
  "Globex",
  "Initech",
  "Umbrella Health",
  "Blue Harbor",
  "Kestrel Labs",
  "Oakridge Legal",
];
const NAMES = ["Maria", "Tom", "Priya", "Jonas", "Aiko", "Sam", "Lucía", "Ahmed", "Chloé", "Dmitri"];
const ROLES = ["Operations lead", "IT admin", "Head of Finance", "Project manager", "CTO", "Office manager"];
const PLANS = ["Starter", "Team", "Pro", "Business", "Enterprise"];
const MONTHS = ["January", "March", "April", "June", "September", "November"];
const DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"];

const GREETINGS = [
  "Hi,",
  "Hello,",
  "Hi team,",
  "Hello support,",
  "Dear support team,",
  "Hey there,",
  "Hi {name},",
];
const SIGNOFFS = [
  "Thanks,\n{name}",
  "Best regards,\n{name}\n{role}, {company}",
  "Cheers, {name}",
  "Kind regards,\n{name} | {company}",
  "Sent from my iPhone",
  "Regards, {name}",
];
const CONTEXT = [
  "We are a team of {n} people at {company} on the {plan} plan.",
  "Our workspace ID is ws-{hex} in case you need it.",
  "This affects about {n} users across our three offices.",
  "I'm the admin for our account and our renewal is in {month}.",
  "We use the product every day for client reporting and project tracking.",
  "I checked the help center article on this but it did not cover our case.",
  "Screenshots are attached; let me know if you need anything else.",
  "We use Chrome 131 on Windows 11 and a few people are on Safari on macOS.",
  "For context, we moved our projects here from spreadsheets about a year ago.",
  "You can reach me at +1 555 01{nn} during office hours (CET).",
  "Reference from the chat widget: #{n5}.",
  "My colleague {name} raised something similar last week.",
  "We have a board meeting on {day} and need the numbers to be right.",
  "Nothing changed on our side as far as I know.",
  "Our IT team has allow-listed your domains, so it should not be our firewall.",
];
const SUBJECTS: Record<LabeledTicket["category"], string[]> = {
  billing: ["Invoice question", "Renewal quote", "Charged twice", "Billing", "Plan change", "Our contract"],
  bug: [
    "Export failing",
    "Error when saving",
    "Bug report",
    "Sync broken",
    "App crashes",
    "Something is wrong",
  ],
  performance: ["Slow dashboards", "Timeouts", "Performance", "Reports take forever"],
  onboarding: ["Getting started", "Setup help", "Importing our data", "New admin"],
  feature_request: ["Feature request", "Suggestion", "Any plans for this?", "Missing option"],
  account: ["Can't log in", "Add a user", "SSO", "Permissions", "Account access"],
  expansion: ["More seats", "Upgrade", "Annual plan", "Expanding our team"],
  other: ["Security questionnaire", "Partnership", "Question", "Support experience", "Hello"],
};
const STEPS = [
  "Steps to reproduce: 1) open the project list 2) filter by owner 3) click Export. Expected: a CSV download. Actual: a spinner, then nothing.",
  "Steps: log in, open Reports, pick last quarter, press Refresh. It happens every time on two machines.",
  "It started after the update on {day}. Clearing the cache and using an incognito window did not help.",
];
const LOG_LINE =
  "2024-11-{dd}T{hh}:{mm}:{ss}Z ERROR [worker-{n}] request {hex} failed with status 500 after {ms} ms: TypeError: Cannot read properties of undefined (reading 'id')";
const QUOTED =
  "\n\n-----Original message-----\nFrom: Support <support@example.com>\nSent: {day}\nSubject: Re: ticket {n5}\n\n> Thanks for reaching out. Could you tell us which browser you are using and when this started? Any screenshots or the time it happened would help us look at our logs.\n> Best, the support team";

export interface Corpus {
  /** Realistic lengths (log-normal, median ~450 characters after padding, 2% long threads). */
  realistic(count: number): SyntheticTicket[];
  /** Bodies of exactly `chars` characters (cut at a word), for per-length timing. */
  fixedLength(count: number, chars: number): string[];
}

export function ticketCorpus(seed = 20261122): Corpus {
  const set = loadEvalSet();
  const churn = set.filter((t) => t.churn_intent);
  const byCategory = new Map<string, LabeledTicket[]>();
  for (const t of set.filter((x) => !x.churn_intent)) {
    const list = byCategory.get(t.category) ?? [];
    list.push(t);
    byCategory.set(t.category, list);
  }
  const calm = set.filter((t) => !t.churn_intent);
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const int = (lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
  const pad = (n: number, w = 2) => String(n).padStart(w, "0");
  const fill = (s: string) =>
    s.replace(/\{(\w+)\}/g, (_, k: string) => {
      switch (k) {
        case "name":
          return pick(NAMES);
        case "role":
          return pick(ROLES);
        case "company":
          return pick(COMPANIES);
        case "plan":
          return pick(PLANS);
        case "month":
          return pick(MONTHS);
        case "day":
          return pick(DAYS);
        case "n":
          return String(int(3, 400));
        case "nn":
          return pad(int(0, 99));
        case "n5":
          return String(int(10_000, 99_999));
        case "dd":
          return pad(int(1, 28));
        case "hh":
          return pad(int(0, 23));
        case "mm":
        case "ss":
          return pad(int(0, 59));
        case "ms":
          return String(int(30, 30_000));
        case "hex":
          return int(0, 0xffffff).toString(16).padStart(6, "0");
        default:
          return k;
      }
    });

  /** A standard normal draw (Box-Muller). */
  const normal = () => Math.sqrt(-2 * Math.log(1 - r())) * Math.cos(2 * Math.PI * r());
  const targetLength = () =>
    r() < 0.02 ? int(3_000, 12_000) : Math.max(40, Math.round(340 * Math.exp(0.75 * normal())));

  /** Pieces to append after the main text until the ticket is long enough. */
  function more(core: LabeledTicket, quoted: { done: boolean }): string {
    const x = r();
    if (x < 0.35) return fill(pick(CONTEXT));
    if (x < 0.6) return pick(byCategory.get(core.category) ?? calm).text;
    if (x < 0.72 && (core.category === "bug" || core.category === "performance")) return fill(pick(STEPS));
    if (x < 0.82 && core.category === "bug")
      return `\n${Array.from({ length: int(2, 12) }, () => fill(LOG_LINE)).join("\n")}\n`;
    if (x < 0.88 && !quoted.done) {
      quoted.done = true;
      return fill(QUOTED);
    }
    return pick(calm).text;
  }

  function body(core: LabeledTicket, target: number, frame: boolean): string {
    const parts: string[] = [];
    if (frame && r() < 0.6) parts.push(fill(pick(GREETINGS)));
    if (frame && r() < 0.3) parts.push(fill(pick(CONTEXT)));
    parts.push(core.text);
    let len = parts.reduce((n, p) => n + p.length + 1, 0);
    const signoff = frame && r() < 0.5 ? `\n\n${fill(pick(SIGNOFFS))}` : "";
    const quoted = { done: false };
    while (len + signoff.length < target) {
      const p = more(core, quoted);
      parts.push(p);
      len += p.length + 1;
    }
    return parts.join(" ") + signoff;
  }

  // About 8% of tickets carry churn intent (the set itself is 28%, which is not realistic).
  const core = () => (r() < 0.08 ? pick(churn) : pick(calm));

  return {
    realistic(count) {
      const start = Date.UTC(2024, 0, 1);
      return Array.from({ length: count }, (_, i) => {
        const c = core();
        const subjectRoll = r();
        const subject =
          subjectRoll < 0.1 ? "" : `${subjectRoll < 0.3 ? "Re: " : ""}${pick(SUBJECTS[c.category])}`;
        const target = targetLength();
        const day = new Date(start + Math.floor((i / count) * 365) * 86_400_000).toISOString().slice(0, 10);
        return {
          id: `BT-${String(i + 1).padStart(7, "0")}`,
          subject,
          body: body(c, target - subject.length, target > 120),
          submittedAt: day,
        };
      });
    },
    fixedLength(count, chars) {
      return Array.from({ length: count }, () => {
        const b = body(core(), chars, chars > 120);
        if (b.length <= chars) return b;
        const cut = b.lastIndexOf(" ", chars);
        return b.slice(0, cut > chars * 0.8 ? cut : chars);
      });
    },
  };
}
