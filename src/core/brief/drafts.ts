export interface DraftInput {
  accountName: string | null;
  customerId: string;
  planTier: string | null;
  arr: number;
  level: string | null;
  score: number | null;
  reasons: readonly { kind: string; text: string }[];
  actions: readonly string[];
  /** The customer's status (core/customers/status.ts); a churned customer gets a win-back draft. */
  status?: string | null | undefined;
  churnDate?: string | null | undefined;
  /** The headline score's reasons in words for the Slack note (default: the reasons' texts). */
  why?: readonly string[] | undefined;
  /** Who signs the email (config outreach.senderName, or the org's Customer Success team). */
  senderName?: string | undefined;
}

export interface Drafts {
  email: { subject: string; body: string };
  slack: string;
}

/** How each reason reads to the customer (never the internal wording or the score). */
const CUSTOMER_WORDING: Record<string, string> = {
  usage: "your team's use of the product has dipped over the last few weeks",
  support: "you have needed our support team more than usual lately",
  errors: "some of your team ran into errors recently",
  intent: "you raised questions about your plan and its value",
  satisfaction: "a recent support experience did not meet your expectations",
  downgrade: "you recently changed your plan",
  trial: "you are still getting set up during your trial",
};

const money = new Intl.NumberFormat("en-US", {
  style: "currency",
  currency: "USD",
  maximumFractionDigits: 0,
});

/**
 * Slack's control characters escaped (&, <, >), so text from customer data cannot mention
 * `<!channel>`, a user, or forge a `<url|text>` link in a Slack message.
 */
export const slackEscape = (s: string): string =>
  s.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;");

/** The email's sign-off: "Best regards," and who sends it. */
function signature(d: DraftInput): string[] {
  return d.senderName ? ["Best regards,", d.senderName] : ["Best regards,"];
}

/** A win-back draft for a customer that has left: no check-in on a plan it no longer has. */
function winBack(d: DraftInput): Drafts {
  const name = d.accountName ?? d.customerId;
  const plan = d.planTier ? `${d.planTier} plan` : "plan";
  const body = [
    `Hi ${name} team,`,
    "",
    `Thank you for the time you spent with us${d.churnDate ? ` until ${d.churnDate}` : ""}. We would value hearing what would have made us the right fit, and what we could do better.`,
    "",
    "If your needs have changed, we would be glad to welcome you back:",
    "- A short call to hear your feedback and what you need now",
    "- A walkthrough of what has changed since you left",
    "",
    "Would 20 minutes in the coming weeks work? Reply with a time that suits you.",
    "",
    ...signature(d),
  ].join("\n");
  const slack = slackEscape(
    `:wave: *${name}* (${d.customerId}, former ${plan}, ${money.format(d.arr)} ARR) churned${d.churnDate ? ` on ${d.churnDate}` : ""}. Win-back: ask for feedback and what would bring them back.`,
  );
  return { email: { subject: `${name}: we would love to hear from you`, body }, slack };
}

/**
 * Outreach drafts built from plan, ARR, reasons and actions (no language model needed); a
 * churned customer gets a win-back draft instead of a check-in.
 */
export function draftOutreach(d: DraftInput): Drafts {
  if (d.status === "churned") return winBack(d);
  const name = d.accountName ?? d.customerId;
  const plan = d.planTier ? `${d.planTier} plan` : "plan";
  const kinds = [...new Set(d.reasons.map((r) => r.kind))];
  const noticed = kinds.map((k) => CUSTOMER_WORDING[k]).filter((x): x is string => Boolean(x));
  const offer = d.actions.slice(0, 2).map((a) => `- ${a}`);
  const body = [
    `Hi ${name} team,`,
    "",
    noticed.length > 0
      ? `I'm reaching out because ${noticed.length === 1 ? noticed[0] : `${noticed.slice(0, -1).join(", ")} and ${noticed.at(-1)}`}, and I want to make sure your ${plan} is working for you.`
      : `I'm checking in to make sure your ${plan} keeps working well for you.`,
    "",
    "Here is what I'd suggest:",
    ...(offer.length > 0 ? offer : ["- A short call to review your goals for the next quarter"]),
    "",
    "Would 20 minutes this week work? Reply with a time that suits you and I'll send an invite.",
    "",
    ...signature(d),
  ].join("\n");
  const level = d.level ? `${d.level} risk${d.score === null ? "" : ` (${d.score}/100)`}` : "not scored";
  const why = (d.why ?? d.reasons.map((r) => r.text)).slice(0, 3);
  // Every piece comes from data (names, ids, plan, reasons, actions): escaped as a whole.
  const slack = slackEscape(
    `:rotating_light: *${name}* (${d.customerId}, ${plan}, ${money.format(d.arr)} ARR) is ${level}.` +
      (why.length > 0 ? ` Why: ${why.join("; ")}.` : "") +
      (d.actions.length > 0 ? ` Next: ${d.actions[0]}.` : ""),
  );
  return { email: { subject: `${name}: a quick check-in on your ${plan}`, body }, slack };
}
