import type { Rng } from "../prng.ts";

/** Ticket subjects and bodies by situation; customers heading out write the churn-intent ones. */
const TEXTS: Record<"intent" | "negative" | "neutral" | "positive", readonly (readonly [string, string])[]> =
  {
    intent: [
      [
        "Renewal quote",
        "The renewal quote is beyond our budget this year. We may downgrade or cancel at renewal.",
      ],
      [
        "Cancel our subscription",
        "Please tell us how to cancel our subscription at the end of this billing period.",
      ],
      [
        "Looking at alternatives",
        "Honestly we are evaluating other tools, the value is not there for our team anymore.",
      ],
      ["Not renewing", "We have decided not to renew. Can you confirm the steps to close the account?"],
      [
        "Too expensive",
        "This has become too expensive for how little we use it. We are thinking of switching to a competitor.",
      ],
    ],
    negative: [
      [
        "Exports keep failing",
        "Our CSV exports have failed three times this week and the team is frustrated.",
      ],
      [
        "Dashboard is very slow",
        "The dashboard takes over a minute to load, this is unacceptable for daily use.",
      ],
      ["Sync broken again", "The integration sync broke again and we lost a day of data. Very disappointed."],
      ["Charged twice", "We were charged twice on our last invoice, please refund the duplicate charge."],
    ],
    neutral: [
      ["How to add users", "How do I invite new users to our workspace and set their roles?"],
      ["Invoice copy", "Could you send a copy of last month's invoice to our finance team?"],
      ["SSO setup question", "We want to set up single sign-on, which identity providers do you support?"],
      ["Feature request: tags", "It would be great to be able to tag reports so we can group them."],
    ],
    positive: [
      ["Thanks for the help", "Thanks, the new workflow feature saved us hours this week. Great support."],
      ["Loving the new reports", "The new reports are excellent, the whole team loves them."],
    ],
  };

export type TicketMood = keyof typeof TEXTS;

export function ticketText(rng: Rng, mood: TicketMood): { subject: string; body: string } {
  const [subject, body] = rng.pick(TEXTS[mood]);
  return { subject, body };
}
