/**
 * Sentiment: wink-sentiment's AFINN score (afinn.ts; it handles negation such as "not good" and
 * emoji) on the ticket with support-ticket boilerplate removed, plus our own cues for complaint,
 * anger and intensity, which AFINN misses ("takes forever", "third time this month", "beyond our
 * budget"). Score = 0.5 x AFINN + warmth cues + thanks - complaint cues - shouting - leaving for a
 * reason; <= -1.5 is negative, >= 1.5 positive.
 *
 * Label policy: negative when the customer expresses dissatisfaction, frustration, a complaint or
 * a constraint that hurts them (including leaving for a reason); neutral for routine questions,
 * requests and plain factual reports ("the export returns a 500 error"); positive when praise or
 * gratitude dominates (a closing "thanks" on a question does not count).
 */
import { afinnSentiment } from "./afinn.ts";
import type { TicketAnalysis } from "./analysis.ts";
import { compilePatterns } from "./matcher.ts";

export type Sentiment = TicketAnalysis["sentiment"];

/**
 * Words AFINN scores that carry no attitude in a support ticket: politeness ("please", "thanks",
 * "help", "like"), and the vocabulary of plain bug reports ("error", "fails", "wrong", "stuck").
 */
const NEUTRAL_WORDS = new Set(
  `thanks thank thx please pls help helps like want wants support free pay paid leave leaving no yes
  fine care dear save hope hopefully welcome promised joke limited limit cut hard error errors broken
  wrong problem problems stuck lost lose sick worth justify clear ok okay share huge big god true wow
  cool warm yeah matter allow pretty feeling honest honestly seriously straw easy easier kind
  appreciate appreciated awesome great nice charge charged charges outstanding work works working
  lol haha`.split(/\s+/),
);
const NEUTRAL_STEMS = /^(?:cancel|interest|stop|block|crash|fail|kill|miss|fix)/;
const neutral = (w: string) => NEUTRAL_WORDS.has(w) || NEUTRAL_STEMS.test(w);

/** Phrases that look positive but are formulae: "it would be great if ...", "we'd love to see ...". */
const FORMULA =
  /\b(?:would (?:be|make) (?:\w+ )?(?:great|nice|awesome|helpful|cool|useful|better)|we'?d love to see|would love|love to see|great if|happy to (?:provide|help|share)|good morning|good afternoon|best (?:way|practice)|(?:we|i)(?: would|'d)(?: also)? appreciate)\b/gi;

type Cue = readonly [pattern: string, weight: number];
const cue = (p: string, w: number): Cue => [p, w];
/** A word right before a cue that strengthens it ("extremely frustrated"): weight x 1.75. */
const INTENSIFIER =
  /(?:^|[^a-z])(?:extremely|very|really|so+|super|absolutely|completely|totally|incredibly|beyond|highly|deeply|truly|seriously)\s+$/;
const INTENSITY = 1.75;

const NEGATIVE: readonly Cue[] = [
  cue(
    "unacceptable|ridiculous|outrageous|unbelievable|pathetic|nightmare|unusable|unbearable|useless|terrible|awful|horrible|fed up|last straw|(?:is|what) a joke|not cool|killing us|had enough|worst|insane|buggy as hell|dealbreaker|hacked",
    3,
  ),
  cue(
    String.raw`frustrat\w*|disappoint\w*|annoy\w*|angry|upset|hate|sneaky|rude|wast(?:e|es|ed|ing)|painful|embarrass\w*|unhappy|gone downhill|mess|not (?:happy|satisfied|acceptable|what we signed up for)|never (?:responds|replies)|no answer|nobody (?:answers|responds|replies|from support|can tell)|lost (?:a day|an hour|two clients|clients)|cost us|lose (?:clients|customers)|we lose data|loses (?:our|my) data|causing (?:confusion|problems|issues|delays)|haven'?t heard (?:from|back)|no ?one (?:has )?(?:replied|answered|responded)|blocking (?:us|me|our|the whole|everyone)|hurt(?:s|ing)? (?:our|us|the)|costing us|not impressed`,
    2,
  ),
  cue(
    String.raw`can'?t (?:work|rely|use|justify|keep|get|figure)|cannot (?:work|rely|use|justify|absorb|keep)|beyond our budget|out of reach|too (?:expensive|complicated|hard|slow)|(?:is|was|it'?s|way) too much|too much for|(?:a bit|far) (?:much|pricey|steep)|steep|way too|overpriced|price (?:hike|increase|jumped)|prices? (?:went|go|keeps? going) up|hate the new|not worth|confusing|lags badly|takes? (?:forever|ages)|slap in the face|ignor(?:e|es|ed|ing) (?:us|our|my)|painfully \w+|for ages|(?:so|really|very) (?:slow|poor|bad)|poor|badly|terribly|complain\w*|crawl|lack of|lacks|budget (?:got |was )?(?:cut|frozen)|is frozen|cut costs|critical`,
    2,
  ),
  cue(
    String.raw`broken (?:since|for days|for weeks)|in a row|been waiting|still (?:not|no|broken|crash\w*|happening|waiting|can'?t|won'?t|doesn'?t|isn'?t)|keeps? happening|every (?:month|week|morning)|urgent|constant(?:ly)?|(?:doesn'?t|does not|didn'?t|not) work(?:ing)? anymore|broken for (?:all|every|everyone|the whole)|needs? to be fixed|(?:been|keeps?) asking for|at this point|(?:can'?t|cannot|doesn'?t|won'?t|not) \w+(?: \w+)? at all|sluggish|laggy|again\b|third time|fourth time|(?:\d+|three|several) times|every (?:release|day|single time)|keeps? (?:failing|crashing|losing|breaking|looping)|reported this|no response|nobody|not fixed|open for|for weeks|for days|three days|months of|slower than ever|sorry to say|doesn'?t work for us|not for us|fix (?:it|this) (?:now|already)`,
    1.5,
  ),
];

const POSITIVE: readonly Cue[] = [
  cue(
    String.raw`love (?:it|the|your|you|this|working)|loving|amazing|fantastic|excellent|awesome|wonderful|brilliant|thrilled|delighted|great (?:work|job|value|service|webinar|team|results|start)|keep it up|smooth|so fast|so quickly|quick fix|appreciate\w*|kudos|perfect(?:ly)?|(?:very |so )?happy (?:with|here|so far)|very happy|won us back|big fan|ravie|a pleasure|up and running|much better now|love the|we love|great|helpful|good now|looks good|looking forward|useful|above and beyond|pass on our thanks|happy to recommend|recommend you|(?:thanks|thank you|gracias|merci|danke) (?:so much|a lot|beaucoup|sch[öo]n|for (?:the|a|your) (?:great|quick|fast|demo|help|support|call|session|work))|gracias por|f[üu]r die|muchas gracias|vielen dank`,
    2,
  ),
];
/** Complaint cues (negative weights) and warmth cues, as patterns for the matcher (exported for tests). */
export const SENTIMENT_CUES: readonly (readonly [pattern: string, weight: number])[] = [
  ...NEGATIVE.map(([p, w]) => [p, -w] as const),
  ...POSITIVE,
];
const CUE_PATTERNS = compilePatterns(SENTIMENT_CUES.map(([p]) => p));

/**
 * Why a leaving customer leaves: a price, a failure, a threat. Leaving for a reason is negative;
 * a bare "please cancel our subscription" or "we've chosen another vendor, thanks" is not.
 */
const CHURN_REASON =
  /\b(?:pric\w*|expensive|cheaper|budget|cost\w*|money|worth|afford\w*|slow\w*|speed|performance|lag\w*|bugs?|broken|breaks|crash\w*|fail\w*|outage|unreliable|not fixed|isn'?t fixed|lack\w*|without|missing|done|out|enough|can'?t|cannot|unless|otherwise|if (?:this|it|you|performance|the|we can'?t)|or we|nobody|never|support|dropping|competitor offered|straw|lost|happy|hard|complicated|nightmare|asking for|at this point|the way (?:this|we|you|it)|handled|treated)\b/i;

/** "thanks" counts as warmth only when the ticket is not itself a question or a request. */
const GRATITUDE = /\b(?:thanks|thank you|merci|danke|gracias|cheers|much appreciated)\b/i;
const REQUEST =
  /\?|\b(?:can|could|would) (?:you|i|we|someone)\b|\bplease\b|\bhow (?:do|can|should)\b|\b(?:need|want) to\b|\b(?:i|we) need\b|\bwould (?:be|make)\b|\b(?:add|request)\b/i;
/** Sign-offs that thank without warmth. */
const FORMAL_THANKS =
  /\b(?:thanks|thank you) (?:for your time|for considering|in advance|for reading|for looking)/gi;

/** Sum of cue weights (negative cues below zero), each cue counted once, intensified if preceded by "very"... */
function cueScore(low: string): { neg: number; pos: number } {
  const found = CUE_PATTERNS.firstIndexes(low);
  let neg = 0;
  let pos = 0;
  SENTIMENT_CUES.forEach(([, w], i) => {
    const at = found[i]!;
    if (at === -1) return;
    const x = INTENSIFIER.test(low.slice(Math.max(0, at - 16), at)) ? INTENSITY : 1;
    if (w < 0) neg -= w * x;
    else pos += w * x;
  });
  return { neg, pos };
}

const ACRONYM =
  /^(?:API|CSV|PDF|SSO|CEO|CTO|URL|SLA|EUR|USD|VAT|GDPR|SOC|NDA|DPA|HAR|APAC|CRM|ISO|LATAM|SAML|VPAT|HECVAT|ERP|SCIM|HIPAA|BAA|AWS|IOS|MFA|OTP|PDT|PST|CET|UTC|JSON|XML|HTML|HTTP|HTTPS)$/;

/** Shouting: "!!", "??", or several words in capitals that are not acronyms. */
function shouting(text: string): number {
  let s = 0;
  if (/[!?]{2,}/.test(text)) s += 1;
  const caps = text.match(/\b[A-Z]{3,}\b/g) ?? [];
  if (caps.filter((w) => !ACRONYM.test(w)).length >= 2) s += 1;
  return s;
}

/** A signed score: below zero is negative. Exported for tests ("extremely frustrated" < "frustrated"). */
export function sentimentScore(text: string, churnIntent = false): number {
  const lowText = text.toLowerCase().replaceAll("’", "'");
  const low = lowText.replace(FORMULA, " ");
  const wink = afinnSentiment(low, neutral).normalizedScore;
  const { neg, pos } = cueScore(low);
  const thanks =
    !churnIntent && GRATITUDE.test(lowText.replace(FORMAL_THANKS, " ")) && !REQUEST.test(lowText) ? 2 : 0;
  const loud = neg > 0 ? shouting(text) : 0;
  const leaving = churnIntent && CHURN_REASON.test(lowText) ? 2 : 0;
  return wink * 0.5 + pos + thanks - neg - loud - leaving;
}

export function sentimentLabel(score: number): Sentiment {
  if (score <= -1.5) return "negative";
  if (score >= 1.5) return "positive";
  return "neutral";
}

export function classifySentiment(text: string, churnIntent = false): Sentiment {
  return sentimentLabel(sentimentScore(text, churnIntent));
}
