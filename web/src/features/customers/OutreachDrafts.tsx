import type { CustomerBrief } from "../../api/types.ts";
import { CopyButton } from "../../ui/CopyButton.tsx";

function Draft({ title, text }: { title: string; text: string }) {
  return (
    <div className="draft">
      <div className="draft-head">
        <h4>{title}</h4>
        <CopyButton text={text} what={title.toLowerCase()} />
      </div>
      <p className="draft-text">{text}</p>
    </div>
  );
}

/** Ready-to-send outreach: the email (subject, body) and a Slack message, each copyable. */
export function OutreachDrafts({ drafts }: { drafts: CustomerBrief["drafts"] }) {
  return (
    <section aria-labelledby="drafts-title">
      <h3 id="drafts-title">Outreach drafts</h3>
      <Draft title="Email subject" text={drafts.email.subject} />
      <Draft title="Email body" text={drafts.email.body} />
      <Draft title="Slack message" text={drafts.slack} />
    </section>
  );
}
