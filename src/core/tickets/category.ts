/**
 * Category: weighted keyword lexicons. Each pattern adds its weight once when it matches the
 * lower-cased ticket; the highest total wins. Ties go to the first category in CATEGORY_PRIORITY
 * (billing, bug, performance, feature_request, account, onboarding, other): money and breakage are
 * what a support lead must route first; an explicit ask ("can you add 2FA via hardware keys") is a
 * feature request even when it names account things; "other" only wins when nothing else scored.
 * A ticket with churn intent about the subscription (cancel, renew, plan, contract, downgrade)
 * gets +1 for billing: leaving the subscription is a billing conversation unless a topic outweighs it.
 * Expansion (buying more seats, licenses, add-ons or a bigger plan, moving to annual or multi-year)
 * is its own category, ahead of billing on ties: it is a sales conversation, never a billing dispute;
 * a ticket with churn intent gets no expansion score (leaving is not buying more).
 *
 * "How do I ..." and "please add ..." are weak cues: they shape onboarding and feature requests
 * only when nothing more specific (a password, an invoice, an error) is named.
 */
import type { TicketAnalysis } from "./analysis.ts";
import { compilePatterns } from "./matcher.ts";

export type TicketCategory = TicketAnalysis["category"];

export const CATEGORY_PRIORITY: readonly TicketCategory[] = [
  "expansion",
  "billing",
  "bug",
  "performance",
  "feature_request",
  "account",
  "onboarding",
  "other",
];

type Lexicon = readonly (readonly [pattern: string, weight: number])[];

const LEXICONS: Record<Exclude<TicketCategory, "other">, Lexicon> = {
  expansion: [
    [
      "(?:add|adding|buy|buying|purchase|purchasing|need|want|order|ready)\\w* (?:\\d+ )?(?:more |extra |additional )?(?:seats|licen[cs]es|users? licen[cs]es|user seats)",
      5,
    ],
    ["upgrad\\w* (?:us |our \\w+ )?(?:to|from)|move up to|move to the \\w+ (?:plan|tier)", 5],
    [
      "(?:switch|move|go)\\w* (?:from monthly )?to (?:an? )?(?:annual|yearly|\\d-year|multi-year)|upgrade to annual|pay annually|annual billing|annual plan",
      7,
    ],
    [
      "(?:increase|bump|expand|raise)\\w* (?:our |the |us )?(?:seat count|seats|licen[cs]es|quota|plan|usage)|from \\d+ to \\d+ (?:seats|licen[cs]es|users)|volume pricing",
      5,
    ],
    [
      "company-wide|roll\\w* (?:it )?out to|expand\\w* to|enterprise plan|premium support package|add-on to our|on top of our plan|higher \\w+ (?:quota )?tier|extra storage|multi-year",
      4,
    ],
    ["seats? ready|licensing for \\d+|\\d+ (?:more|new) (?:users|people|seats)|hiring \\d+", 3],
  ],
  billing: [
    ["invoic\\w*|factura|rechnung|receipts?|remittance", 4],
    ["refund\\w*|money back|credit us|sla credit", 4],
    ["pric(?:e|es|ing|ed)|price (?:increase|hike)|cost increase|per[- ]seat", 4],
    ["renewal quote|quote|budget|discount\\w*|coupon|promo code|proration|prorat\\w*", 3],
    ["billing|billed|bill|charg(?:e|ed|es|ing)|overcharg\\w*", 3],
    ["payments?|pay(?:ing)?|paid|credit card|card ending|wire|bank details|checkout|balance", 3],
    ["billing (?:errors?|mistakes?|issues?|problems?)|orders?|ordered", 3],
    ["(?:add|adding|buy|buying|purchase|purchasing)\\w* (?:\\d+ )?(?:more |extra |additional )?seats", 4],
    ["vat|tax|w-9|po number|purchase order|cost centers?|procurement", 2],
    ["expensive|cheaper|afford\\w*|worth the money|value for money|fees?|cost(?:s|ly)?", 3],
    ["subscri\\w*|renew\\w*|contract|agreement|plan|tier|upgrade|downgrad\\w*|add-on|seats?", 1],
    ["usd|eur|euros?|dollars?|\\$\\d+|\\d+ ?(?:€|usd|eur)", 2],
  ],
  bug: [
    ["bugs?|buggy|glitch\\w*|regression", 5],
    ["errors?|exception|typeerror|stack ?trace|undefined|nan|#ref|garbled|invalid", 4],
    ["broken|broke|breaks|crash\\w*|out of memory", 4],
    ["(?:does ?n[o']?t|doesnt|not|stopped|stops) (?:work\\w*|fir\\w*|respond\\w*|sav\\w*|load\\w*)", 3],
    ["fail\\w*|[45]0[0-9]|404|e\\d{3,}", 3],
    ["something went wrong|went wrong|vanished|disappeared|won'?t (?:load|open|save|start|sync)", 4],
    ["keeps? (?:resetting|crashing|failing|freezing|reloading|jumping|disappearing|logging)", 3],
    ["(?:not|aren'?t|isn'?t|never|don'?t) (?:arriving|showing|updating|syncing|loading)", 3],
    ["since the (?:[\\d.]+ )?(?:update|release|redesign)|after the (?:latest |last )?(?:update|release)", 2],
    [
      "does nothing|goes blank|blank (?:page|file|screen)|greyed out|wrong (?:channel|month|date|order|data)|is wrong",
      3,
    ],
    [
      "duplicated|duplicating|duplicates (?:it|them|the)|duplicate (?:rows?|records?|entries|invitations?|emails?|notifications?|data)",
      2,
    ],
    ["sent twice|off by one|shows? (?:deleted|the wrong)|mismatch|doesn'?t match", 2],
    ["stuck|loop\\w*|randomly|reset after|cuts? off|overlaps?|logs? me out", 2],
    ["los(?:e|es|ing|t) (?:my |our |all |an hour of )?(?:data|drafts?|work|changes)", 3],
    ["returns? (?:an? )?(?:empty|wrong|incorrect|null|no)|empty (?:array|list|response|result)", 3],
    ["outages?|downtime|down again", 4],
    ["down for|fix\\w*|issue|known issue|steps to reproduce|expected|actual|reinstall\\w*", 1],
  ],
  performance: [
    ["(?<!support (?:is |was |has been )?)slow\\w*|sluggish|laggy|lags?|lagging|latency|crawl\\w*", 5],
    ["time ?outs?|timed? out|times out|gateway timeout|504", 4],
    [
      "takes? (?:forever|ages|too long|minutes|hours|\\d+)|for ages|spins?|loading|load times?|page loads?|loads? in",
      3,
    ],
    ["performance|speed\\w*|faster|delay\\w*|unresponsive|freez\\w*|render\\w*", 3],
    ["\\d+\\+? ?(?:seconds|secs|s|minutes|mins|ms)\\b|seconds|minutes|rate limit", 1],
    ["takes? \\d+(?:-\\d+)? ?(?:minutes|seconds|mins|secs)|used to be (?:instant|seconds|fast)", 2],
  ],
  account: [
    ["passwords?|log ?in|login|logins|logged|sign[- ]?in|locked|unlock\\w*|2fa|two-factor|mfa", 4],
    ["permissions?|roles?|editor|viewer|read-only|access|owner\\w*|username|hacked", 3],
    [
      "transfer (?:my |our |the )?(?:projects?|ownership|data)|sessions? (?:expires?|expired|timeouts?|times out|terminates)|who can (?:see|access|edit)",
      3,
    ],
    ["(?:add|make|set) \\S+@\\S+|as (?:an? )?admin|unsubscrib\\w*|marketing emails|notification settings", 3],
    ["accounts?|acount|users?|seats?|workspaces?|organization|guests?|profile|admins?", 2],
    [
      "api (?:tokens?|keys?)|tokens?|revoke|merg\\w*|combin\\w* (?:our |the )?(?:two )?(?:accounts|workspaces)",
      3,
    ],
    ["invitations?|invite (?:my |our |the |a |new )?(?:team|users?|members?|colleagues?|people)", 2],
    ["(?:change|update) (?:my|the|our) email|email address|deactivat\\w*|reactivat\\w*|rename|merge", 3],
    [
      "(?:add|remove|delete|invite) (?:a |an |the |\\d+ )?(?:new )?(?:users?|members?|admins?)|remove \\w+ user seats",
      3,
    ],
    ["delete (?:my|our) (?:account|data)|personal data|gdpr request", 3],
    ["sso login|identity provider|azure ad|okta login", 3],
  ],
  onboarding: [
    ["onboard\\w*|getting started|get started|set ?up|setting up|first steps|where do i start", 4],
    ["training|tutorials?|walk (?:us|me) through|demo|sandbox|checklist|guidance|guides?", 3],
    ["new (?:admin|here|customer)", 3],
    [
      "import\\w*|migrat\\w* (?:from|our)|coming from|moving from|signed up|new to|new hires|roll ?out|rolling out",
      3,
    ],
    [
      "configur\\w*|integration|connect|structure|template|best way|recommended way|docs|documentation|help center",
      2,
    ],
    ["how (?:do|can|should) (?:i|we)|where (?:can|do) (?:i|we)|step \\d|trial", 1],
  ],
  feature_request: [
    ["feature (?:request|idea)|wishlist|suggestion|\\+1|roadmap|any plans to", 5],
    [
      "(?:please )?consider adding|any chance you'?ll (?:support|add)|will you (?:support|add)|do you (?:plan|intend) to (?:support|add)",
      4,
    ],
    ["still no (?!answer|response|reply|word|update)|(?:years?|months) of requests", 2],
    [
      "(?:considering|planning|plan|plans) (?:on |to )?add\\w*|unless you (?:support|add|build|offer)|if you don'?t (?:add|support|build|offer)",
      4,
    ],
    [
      "(?:been|keeps?|kept|have|we'?ve) ask(?:ing|ed) for|really need|would really like|we'?d really like|would like to (?:see|have)",
      3,
    ],
    ["without (?:an? |proper )?(?:api|sso|saml sso|integration|mobile app)", 3],
    [
      "would (?:be|make) (?:even )?(?:great|nice|awesome|helpful|cool|perfect|useful|better)|(?:even )?better with|would help|would love|we'?d love to see",
      4,
    ],
    [
      "please (?:add|make|let(?! (?:us|me) know)|allow|support)|(?:can|could) you (?:add|allow|make|support)|add (?:an? )?(?:option|support|ability)",
      4,
    ],
    [
      "i wish|we wish|support for|ability to|option to|let (?:us|me)(?! know)|is it possible to have|any way to get",
      3,
    ],
    [
      "dark (?:mode|theme)|integrations? with|lacks?|lack of|missing|no (?:undo|api|mobile app)|need (?:a|an) |customi[sz]e",
      2,
    ],
    ["request|idea|allow|offline mode|gantt|keyboard shortcuts", 1],
  ],
};

const OTHER_LEXICON: Lexicon = [
  [
    "soc ?2|iso 27001|vpat|hecvat|security questionnaire|vendor (?:form|review)|dpa|nda|legal|data processing",
    5,
  ],
  ["partner\\w*|reseller|referral|case study|webinar|blog|hiring|conference|saastr|mailing list", 4],
  [
    "support (?:line|rep|call)|on hold|disconnected|account manager|success manager|support team|support agent|support hours|nobody (?:answers|responds)|no answer|rude",
    4,
  ],
  ["support (?:is|was|has been) slow|slow (?:support|responses?|replies)|gone downhill", 4],
  [
    "terms of service|privacy policy|data residency|headquarter\\w*|status page|uptime|insurance|compliance",
    3,
  ],
  ["company name|records|escalation|tickets?|consultant|roadmap for next year", 2],
];

/** Every category pattern with its weight, flattened (exported for tests). */
export const CATEGORY_LEXICON: readonly { category: TicketCategory; pattern: string; weight: number }[] = [
  ...Object.entries(LEXICONS).flatMap(([category, lex]) =>
    lex.map(([pattern, weight]) => ({ category: category as TicketCategory, pattern, weight })),
  ),
  ...OTHER_LEXICON.map(([pattern, weight]) => ({ category: "other" as TicketCategory, pattern, weight })),
];
const PATTERNS = compilePatterns(CATEGORY_LEXICON.map((e) => e.pattern));

/** Scores per category (each pattern counts once), for tests and explanations. */
export function categoryScores(text: string): Record<TicketCategory, number> {
  const out = Object.fromEntries(CATEGORY_PRIORITY.map((c) => [c, 0])) as Record<TicketCategory, number>;
  const found = PATTERNS.firstIndexes(text.toLowerCase());
  CATEGORY_LEXICON.forEach((e, i) => {
    if (found[i] !== -1) out[e.category] += e.weight;
  });
  return out;
}

/** Leaving the subscription (not just closing a login) is a billing conversation unless a topic says otherwise. */
const SUBSCRIPTION_EXIT =
  /subscri|renew|contract|agreement|\bplan\b|downgrad|\btier\b|\bcancel\w*(?!\s+(?:my|our|the)\s+ac?count)/;

export function classifyCategory(text: string, churnIntent = false): TicketCategory {
  const scores = categoryScores(text);
  if (churnIntent && SUBSCRIPTION_EXIT.test(text.toLowerCase())) scores.billing += 1;
  if (churnIntent) scores.expansion = 0;
  let best: TicketCategory = "other";
  let bestScore = 0;
  for (const c of CATEGORY_PRIORITY) {
    if (scores[c] > bestScore) {
      best = c;
      bestScore = scores[c];
    }
  }
  return best;
}
