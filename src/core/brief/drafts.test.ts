import { describe, expect, it } from "vitest";
import { draftOutreach, slackEscape } from "./drafts.ts";

const base = {
  customerId: "C-1",
  planTier: "Pro",
  arr: 1200,
  level: "High",
  score: 80,
  reasons: [{ kind: "usage", text: "usage fell <50%> & more" }],
  actions: ["Call <@U123>"],
};

describe("draftOutreach Slack text", () => {
  it("escapes Slack control characters from customer data (no <!channel>, no forged links)", () => {
    const d = draftOutreach({ ...base, accountName: "<!channel> <http://evil.example|Acme> & Co" });
    expect(d.slack).not.toMatch(/[<>]/);
    expect(d.slack).toContain("*&lt;!channel&gt; &lt;http://evil.example|Acme&gt; &amp; Co*");
    expect(d.slack).toContain("usage fell &lt;50%&gt; &amp; more");
    expect(d.slack).toContain("Next: Call &lt;@U123&gt;.");
    // The email is plain text: left as written.
    expect(d.email.subject).toContain("<!channel>");
  });

  it("slackEscape escapes &, < and > only", () => {
    expect(slackEscape("a & <b> *c*")).toBe("a &amp; &lt;b&gt; *c*");
  });
});
