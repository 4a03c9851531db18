/**
 * The templates shipped for every email and SMS step action of the catalog (an org's saved
 * version overrides one). Short, plain and human: the greeting, one or two sentences, the
 * signature and the unsubscribe line. HTML bodies are the same paragraphs in <p> tags.
 */

export interface MessageTemplate {
  subject: string;
  html: string;
  text: string;
}

const OFFER =
  "{{#if offer}}We can take {{offer.percent}}% off for {{offer.cycles}} billing cycles, until {{offer.expiresOn}}.{{/if}}";

/** subject, then the body's paragraphs (Handlebars, see template-syntax.ts). */
const EMAIL: Record<string, [string, ...string[]]> = {
  "activation.email": [
    "Getting {{customer.name}} set up",
    "You signed up a little while ago, and it looks like setup stalled part way. Most teams get their first result within a day of finishing it.",
    "Reply to this email and we will walk you through the rest, or pick it up where you left off.",
  ],
  "annual.readiness_offer.email": [
    "An annual plan for {{customer.name}}",
    "You have been on the {{plan.tier}} plan month by month for a while. Switching to annual billing locks in your price for the year.",
    OFFER,
  ],
  "annual.staged_offer.email": [
    "Save with annual billing",
    "Teams like yours on {{plan.tier}} often move to annual billing once they rely on it every week.",
    OFFER,
  ],
  "check_in.contextual": [
    "Checking in on {{customer.name}}",
    "We noticed {{#if topReason}}{{topReason}}{{else}}a change in how your team uses the product{{/if}}, and wanted to check in.",
    "Is there anything we can help with? A short reply is plenty.",
  ],
  "dunning.email": [
    "Your payment did not go through",
    "We could not collect the latest payment for {{customer.name}}. This happens, usually because a card expired or was replaced.",
    "Please update your payment details so your {{plan.tier}} plan keeps running without interruption.",
  ],
  "dunning.recovery_discount": [
    "A discount while you sort out billing",
    "Your last payment for {{customer.name}} did not go through. To make it easier to get back on track:",
    OFFER,
  ],
  "free_to_paid.pitch.email": [
    "What {{plan.tier}} is leaving on the table",
    "Your team is getting real use out of the free plan. A paid plan removes the limits you are starting to run into.",
    "Reply if you would like help choosing the right plan.",
  ],
  "intervention.email": [
    "Can we help, {{customer.name}}?",
    "It looks like things have been harder lately{{#if topReason}} ({{topReason}}){{/if}}. We would like to help put that right.",
    "Reply to this email or book a short call, whichever suits you.",
  ],
  "loyalty.offer.email": [
    "Thank you for being with us",
    "{{customer.name}} has been with us a long time, and we wanted to say thank you.",
    OFFER,
  ],
  "pause.resume_day": [
    "Your pause is ending",
    "Your paused subscription for {{customer.name}} resumes soon. Everything is where you left it.",
    "If you need more time, reply and we will sort it out.",
  ],
  "post_upgrade.email": [
    "Getting the most from {{plan.tier}}",
    "Thanks for upgrading. Here are the features your new plan adds, and the ones teams use most in their first week.",
    "Reply with any questions; we read every one.",
  ],
  "recovery.billing_contact": [
    "Who should we send invoices to?",
    "We had trouble collecting a payment for {{customer.name}}. If someone else looks after billing, could you tell us who?",
    "A quick reply with their name and email is all we need.",
  ],
  "recovery.courtesy_notice": [
    "A heads-up about your billing",
    "A payment for {{customer.name}} did not go through. Nothing has changed on your account yet.",
    "Updating the payment details takes a minute and keeps everything running.",
  ],
  "recovery.failure_notice": [
    "Action needed: payment failed",
    "We could not collect the latest payment for {{customer.name}}. Please update your payment details to keep your account active.",
  ],
  "recovery.payment_link": [
    "Update your payment details",
    "You can update the card for {{customer.name}} without signing in: use the secure link in your account's billing page or reply and we will send one.",
  ],
  "resources.email": [
    "A few things that help teams like yours",
    "We put together the guides and examples that teams on {{plan.tier}} find most useful.",
    "Reply if there is something specific you are trying to do.",
  ],
  "rising_usage.material": [
    "Your team is growing its use",
    "Usage at {{customer.name}} has been rising. Here is what the next plan up adds, in case you are close to your limits.",
  ],
  "trial_conversion.email": [
    "Your trial is ending soon",
    "Your trial for {{customer.name}} ends soon. Everything you set up stays when you choose a plan.",
    OFFER,
  ],
  "upsell.limit_email": [
    "You are close to your plan's limits",
    "{{customer.name}} is close to the limits of the {{plan.tier}} plan. Moving up a plan keeps everything running without interruptions.",
  ],
  "upsell.velocity_email": [
    "Room to grow",
    "Your team's usage has been climbing quickly. If you expect that to continue, the next plan up gives you more room.",
  ],
  "winback.critical_email": [
    "We would like to make this right",
    "We can see {{customer.name}} has not been getting what it needs from us{{#if topReason}} ({{topReason}}){{/if}}.",
    "Could we have fifteen minutes to understand what went wrong? Reply with a time that suits you.",
  ],
  "winback.critical_email_2": [
    "Following up",
    "Just following up on my last note. If now is not a good time, a one-line reply is fine and we will not keep asking.",
  ],
  "winback.discount_offer": [
    "Come back to {{org.name}}",
    "Your subscription for {{customer.name}} ended after a payment problem. Your data is still here.",
    OFFER,
  ],
  "winback.recover_account": [
    "Your account is still here",
    "Your subscription for {{customer.name}} lapsed after a payment problem. Updating your payment details brings everything back as it was.",
  ],
};

const SMS: Record<string, string> = {
  "dunning.sms":
    "{{org.name}}: your latest payment for {{customer.name}} did not go through. Please update your payment details to keep your account active.",
};

const GREETING = "Hello{{#if contact.name}} {{contact.name}}{{/if}},";
const SIGNATURE = "{{sender.name}}";

function email([subject, ...paragraphs]: [string, ...string[]]): MessageTemplate {
  const body = [GREETING, ...paragraphs, SIGNATURE];
  return {
    subject,
    text: `${body.join("\n\n")}\n\n--\nUnsubscribe: {{unsubscribeUrl}}\n`,
    html: `${body.map((p) => `<p>${p}</p>`).join("\n")}\n<p><small>Do not want these emails? <a href="{{unsubscribeUrl}}">Unsubscribe</a>.</small></p>\n`,
  };
}

export interface ShippedTemplate {
  channel: "email" | "sms";
  template: MessageTemplate;
}

/** The shipped template of each action, by channel. */
export const DEFAULT_TEMPLATES: ReadonlyMap<string, ShippedTemplate> = new Map<string, ShippedTemplate>([
  ...Object.entries(EMAIL).map(([action, t]): [string, ShippedTemplate] => [
    action,
    { channel: "email", template: email(t) },
  ]),
  ...Object.entries(SMS).map(([action, text]): [string, ShippedTemplate] => [
    action,
    { channel: "sms", template: { subject: "", html: "", text } },
  ]),
]);
