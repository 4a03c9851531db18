import { describe, expect, it } from "vitest";
import { diffConfig, patchAt, REDACTED, redactConfig } from "./config-diff.ts";

describe("diffConfig", () => {
  it("lists changed leaves in path order, arrays as one value", () => {
    const a = { x: { b: 1, a: [1, 2] }, y: "s" };
    const b = { x: { b: 2, a: [1, 2], c: true }, y: "s" };
    expect(diffConfig(a, b)).toEqual([
      { path: "x.b", from: 1, to: 2 },
      { path: "x.c", from: undefined, to: true },
    ]);
    expect(diffConfig(a, a)).toEqual([]);
    expect(diffConfig({ t: [1] }, { t: [1, 2] })).toEqual([{ path: "t", from: [1], to: [1, 2] }]);
  });

  it("never shows a secret", () => {
    const d = diffConfig({ tickets: { apiKey: "old" } }, { tickets: { apiKey: "new" } });
    expect(d).toEqual([{ path: "tickets.apiKey", from: REDACTED, to: REDACTED }]);
    expect(redactConfig({ tickets: { apiKey: "k", url: "u" } })).toEqual({
      tickets: { apiKey: REDACTED, url: "u" },
    });
    expect(redactConfig({ tickets: { url: "u" } })).toEqual({ tickets: { url: "u" } });
  });

  it("builds a patch from a dotted path", () => {
    expect(patchAt("scores.churnRisk.x", 3)).toEqual({ scores: { churnRisk: { x: 3 } } });
  });
});

describe("secret maps", () => {
  it("redacts every owner's Slack URL in diffs and answers, keeping the owners", () => {
    const before = { delivery: { slack: { ownerWebhookUrls: {} } } };
    const after = {
      delivery: { slack: { ownerWebhookUrls: { ana: "https://hooks.slack.com/services/T/B/x" } } },
    };
    expect(diffConfig(before, after)).toEqual([
      { path: "delivery.slack.ownerWebhookUrls.ana", from: undefined, to: "[redacted]" },
    ]);
    expect(redactConfig(after)).toEqual({ delivery: { slack: { ownerWebhookUrls: { ana: "[redacted]" } } } });
  });
});
