import fc from "fast-check";
import { describe, expect, it } from "vitest";
import winkSentiment from "wink-sentiment";
import { afinnSentiment } from "./afinn.ts";
import { TICKET_CATEGORIES, TicketAnalysisSchema } from "./analysis.ts";
import { CATEGORY_LEXICON, classifyCategory } from "./category.ts";
import { churnCues, detectChurnIntent } from "./churn-intent.ts";
import { compilePatterns, firstChars } from "./matcher.ts";
import { analyzeTicketText, createRulesAnalyzer, RULES_VERSION, summarize } from "./rules-analyzer.ts";
import { classifySentiment, SENTIMENT_CUES, sentimentScore } from "./sentiment.ts";

const SEED_004 =
  "We like the product, but the renewal quote is beyond our budget. We're a small team and cannot justify the cost increase. Is there a lower tier or discount available? If not, we may downgrade or cancel before renewal next month.";

describe("analyzeTicketText: seed 004", () => {
  it("is billing, negative, churn intent, and recommends a plan-fit discussion or value review", () => {
    const a = analyzeTicketText(SEED_004);
    expect(a).toMatchObject({ category: "billing", sentiment: "negative", churn_intent: true });
    expect(a.recommended_action).toMatch(/plan-fit discussion|value review/);
    expect(a.summary).toBe("We like the product, but the renewal quote is beyond our budget.");
    expect(() => TicketAnalysisSchema.parse(a)).not.toThrow();
  });
});

describe("churn intent", () => {
  const cases = (texts: string[], expected: boolean) =>
    it.each(texts)(`%s -> ${expected}`, (t) => expect(detectChurnIntent(t)).toBe(expected));

  describe("leave-expressions", () => {
    cases(
      [
        "Please cancel our subscription at the end of the month.",
        "We will not be renewing in March.",
        "We won't be renewing our contract.",
        "We're moving to HubSpot next quarter.",
        "Too expensive for us, we will look elsewhere.",
        "We are evaluating other vendors.",
        "Please downgrade us to the Starter plan.",
        "Close our account, we've switched to Slack.",
        "I'd like to end our contract early.",
        "We are terminating the agreement effective today.",
        "This is the last straw.",
        "We're done. Moving to a competitor.",
        "How do I cancel my subscription?",
      ],
      true,
    );
  });

  describe("hedges keep intent", () => {
    cases(
      [
        "We may downgrade or cancel before renewal.",
        "We might have to look at alternatives next year.",
        "Considering other options at this point.",
        "If this isn't fixed by Friday we're cancelling.",
        "Not sure we'll stick around after this renewal.",
        "We are evaluating whether to renew.",
        "Thinking about switching to another tool.",
      ],
      true,
    );
  });

  describe("negation", () => {
    cases(
      [
        "We are not planning to cancel, just asking about the invoice.",
        "We have no intention of leaving.",
        "We won't switch, we like you too much.",
        "We're not going to cancel over this, but the bug needs fixing.",
        "Don't cancel our subscription! Here is the new card.",
        "No plans to switch vendors.",
      ],
      false,
    );
  });

  describe("questions and requests about other objects", () => {
    cases(
      [
        "How do I cancel a single invoice?",
        "Can I cancel the scheduled export?",
        "Please cancel the meeting invite for Thursday.",
        "How do I cancel a user's invitation?",
        "Can you cancel the pending payment?",
        "Please close ticket #2231.",
        "Please delete the test account we made during the trial.",
        "We'd like to switch to annual billing.",
        "Can we move to the Enterprise plan?",
        "We're moving from Trello to your tool.",
        "I want to unsubscribe from your marketing emails.",
        "Will we lose data if we downgrade a single user to viewer?",
      ],
      false,
    );
  });

  describe("past, resolved episodes", () => {
    cases(
      [
        "We almost cancelled last year but the new tier fixed that.",
        "I was going to cancel, but your team fixed the sync. Thanks!",
        "We were about to leave last year but you won us back.",
      ],
      false,
    );
  });

  it("reports the cue that fired", () => {
    expect(churnCues("We may downgrade or cancel.")).toEqual(["downgrade", "cancel"]);
    expect(churnCues("We are not planning to cancel.")).toEqual([]);
  });
});

describe("category", () => {
  it.each([
    ["billing", "We were charged twice on the last invoice, please refund one charge."],
    ["bug", "The export button throws a TypeError and the page goes blank."],
    ["performance", "The dashboard is very slow, reports time out after a minute."],
    ["onboarding", "How do I import our contacts during setup? Is there a getting started guide?"],
    ["feature_request", "Feature request: it would be great to have a dark mode."],
    ["account", "I forgot my password and can't log in to my account."],
    ["other", "Can you send us your SOC 2 report for our security review?"],
  ] as const)("%s: %s", (category, text) => {
    expect(classifyCategory(text)).toBe(category);
    expect(analyzeTicketText(text).category).toBe(category);
  });

  it("defaults to other when nothing matches", () => {
    expect(classifyCategory("hello")).toBe("other");
  });
});

describe("sentiment", () => {
  it("intensity makes a complaint more negative", () => {
    const plain = sentimentScore("I am frustrated with the export.");
    const strong = sentimentScore("I am extremely frustrated with the export.");
    expect(strong).toBeLessThan(plain);
    expect(classifySentiment("I am extremely frustrated with the export.")).toBe("negative");
  });
  it("a plain factual bug report is neutral; praise is positive", () => {
    expect(classifySentiment("The export returns a 500 error when I click download.")).toBe("neutral");
    expect(classifySentiment("Thanks so much for the quick fix, works perfectly now!")).toBe("positive");
  });
  it("a closing thanks on a question stays neutral", () => {
    expect(classifySentiment("Can you resend the invoice for March? Thanks")).toBe("neutral");
  });
});

describe("summary", () => {
  it("skips a greeting and keeps the first sentence", () => {
    expect(summarize("Hi team, the export fails. It started today.")).toBe("the export fails.");
  });
  it("cuts a long first sentence to 12 words and 120 characters", () => {
    const s = summarize("one two three four five six seven eight nine ten eleven twelve thirteen fourteen");
    expect(s).toBe("one two three four five six seven eight nine ten eleven twelve…");
    expect(summarize("x".repeat(500)).length).toBeLessThanOrEqual(120);
  });
  it("never returns an empty summary", () => {
    expect(analyzeTicketText("").summary).toBe("(empty ticket)");
    expect(analyzeTicketText("   \n\t ").summary).toBe("(empty ticket)");
  });
});

describe("robustness", () => {
  it("removes NUL bytes before analysis", () => {
    const a = analyzeTicketText("Please\u0000 cancel our\u0000 subscription.\u0000");
    expect(a.churn_intent).toBe(true);
    expect(a.summary).not.toContain("\u0000");
  });
  it("handles very long text quickly", () => {
    const long = `${"The dashboard is slow and the export fails again. ".repeat(20_000)}We will cancel.`;
    const t0 = performance.now();
    const a = analyzeTicketText(long);
    expect(performance.now() - t0).toBeLessThan(1000);
    expect(() => TicketAnalysisSchema.parse(a)).not.toThrow();
    expect(a.summary.length).toBeLessThanOrEqual(120);
  });

  const words = fc.constantFrom(
    "cancel",
    "not",
    "we",
    "won't",
    "renew",
    "switch",
    "to",
    "Competitor",
    "the",
    "invoice",
    "account",
    "close",
    "slow",
    "error",
    "!!",
    "?",
    ",",
    ".",
    "but",
    "almost",
    "extremely",
    "frustrated",
    "😡",
    ":)",
    "merci",
    "\u0000",
    "\n",
  );
  const ticket = fc.oneof(
    fc.string(),
    fc.string({ unit: "binary", maxLength: 300 }),
    fc.string({ unit: "grapheme", maxLength: 300 }),
    fc.array(words, { maxLength: 60 }).map((w) => w.join(" ")),
  );

  it("any string yields a schema-valid analysis and never throws", () => {
    fc.assert(
      fc.property(ticket, (t) => {
        const a = analyzeTicketText(t);
        expect(TICKET_CATEGORIES).toContain(a.category);
        TicketAnalysisSchema.parse(a);
      }),
      { numRuns: 1000 },
    );
  });
});

describe("createRulesAnalyzer", () => {
  it("wraps analyzeTicketText with its name and version", async () => {
    const analyzer = createRulesAnalyzer();
    expect(analyzer.name).toBe("rules");
    expect(analyzer.version).toBe(RULES_VERSION);
    const r = await analyzer.analyze(SEED_004);
    expect(r).toEqual({
      ok: true,
      analysis: analyzeTicketText(SEED_004),
      analyzer: "rules",
      version: RULES_VERSION,
    });
  });
});

describe("matcher", () => {
  const W = "[a-z0-9_\\u00c0-\\u024f]";
  /** The slow reference: one regex per pattern. */
  const reference = (patterns: readonly string[]) => {
    const res = patterns.map((p) => new RegExp(`(?<!${W})(?:${p})(?!${W})`));
    return (low: string) => res.map((re) => re.exec(low)?.index ?? -1);
  };
  const vocabulary = fc.constantFrom(
    ..."billing error slow support is slow invoice account manager not working keeps failing very extremely frustrated takes forever 504 $99 +1 #ref can't log in so slow".split(
      " ",
    ),
    "billing errors",
    "support is slow",
    "account manager",
    "invite my team",
    "meeting invite",
    "would be great",
    "!",
    ",",
    "é",
  );
  const lowText = fc.oneof(
    fc.string().map((s) => s.toLowerCase()),
    fc.array(vocabulary, { maxLength: 40 }).map((w) => w.join(" ")),
  );

  it.each([
    ["category", CATEGORY_LEXICON.map((e) => e.pattern)],
    ["sentiment", SENTIMENT_CUES.map(([p]) => p)],
  ])("finds exactly what one regex per pattern finds (%s lexicon)", (_, patterns) => {
    // The same comparison over the committed evaluation set is in test/ticket-eval-set.test.ts.
    const fast = compilePatterns(patterns);
    const slow = reference(patterns);
    fc.assert(
      fc.property(lowText, (t) => {
        expect([...fast.firstIndexes(t)]).toEqual(slow(t));
      }),
      { numRuns: 2000 },
    );
  });

  it("knows the first characters a pattern can start with", () => {
    expect(firstChars("slow\\w*|lag(?:gy)?")).toEqual(new Set(["s", "l"]));
    expect(firstChars("(?:been |keeps? )?ask")).toEqual(new Set(["b", "k", "a"]));
    expect(firstChars("[45]0\\d|\\$\\d+")).toEqual(new Set(["4", "5", "$"]));
    expect(firstChars("(?<!support )slow")).toEqual(new Set(["s"]));
    expect(firstChars("\\w+")).toBeUndefined();
    expect(firstChars("a?")).toBeUndefined();
  });

  it("rejects capturing groups", () => {
    expect(() => compilePatterns(["(a|b)c"])).toThrow(/capturing group/);
  });
});

describe("afinnSentiment", () => {
  it("has the sign wink-sentiment gives (emoji, emoticons, hashtags, negation)", () => {
    // Agreement over the committed evaluation set is checked in test/ticket-eval-set.test.ts.
    for (const t of ["not good :(", "I love it 😍", "#fail", "I don't like it"])
      expect(Math.sign(afinnSentiment(t).normalizedScore)).toBe(Math.sign(winkSentiment(t).normalizedScore));
  });
  it("handles negation and emoji", () => {
    expect(afinnSentiment("this is good").score).toBe(3);
    expect(afinnSentiment("this is not good").score).toBe(-3);
    expect(afinnSentiment("😡").score).toBeLessThan(0);
  });
});
