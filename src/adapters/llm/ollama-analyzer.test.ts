// What goes over the wire to Ollama: schema in `format`, deterministic options, cleaned text.
import { afterAll, beforeAll, beforeEach, expect, it } from "vitest";
import { type FakeLlmServer, startFakeLlmServer } from "../../../test/support/fake-llm-server.ts";
import { createOllamaAnalyzer } from "./ollama-analyzer.ts";
import { PROMPT_VERSION, SYSTEM_PROMPT, TICKET_ANALYSIS_JSON_SCHEMA } from "./prompt.ts";

let server: FakeLlmServer;
beforeAll(async () => {
  server = await startFakeLlmServer();
});
afterAll(() => server.close());
beforeEach(() => server.reset());

it("posts one non-streaming chat with the JSON schema as format and temperature 0", async () => {
  const analyzer = createOllamaAnalyzer({ host: server.url, model: "llama3.1:8b", timeoutMs: 5000 });
  await analyzer.analyze("Please refund me");
  expect(server.requests).toHaveLength(1);
  const [{ path, body }] = server.requests as [(typeof server.requests)[0]];
  expect(path).toBe("/api/chat");
  expect(body).toMatchObject({
    model: "llama3.1:8b",
    stream: false,
    format: TICKET_ANALYSIS_JSON_SCHEMA,
    options: { temperature: 0 },
  });
  expect(body.format).toMatchObject({
    type: "object",
    required: ["summary", "category", "sentiment", "churn_intent", "recommended_action"],
    additionalProperties: false,
  });
  expect(body.messages?.[0]).toEqual({ role: "system", content: SYSTEM_PROMPT });
});

it("sends the cleaned text: NUL bytes stripped, whitespace collapsed, capped at maxChars", async () => {
  const analyzer = createOllamaAnalyzer({ host: server.url, model: "m", timeoutMs: 5000, maxChars: 50 });
  expect(analyzer.version).toBe(`${PROMPT_VERSION}+max50`);
  const result = await analyzer.analyze(`bad\u0000 data\n\n${"x".repeat(500)}`);
  expect(result.ok).toBe(true);
  const user = server.requests[0]?.body.messages?.find((m) => m.role === "user")?.content ?? "";
  expect(user).not.toContain("\u0000");
  expect(user).toContain(`bad data ${"x".repeat(41)}\n`);
  expect(user).not.toContain("x".repeat(42));
});
