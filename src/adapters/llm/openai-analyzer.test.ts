// What goes over the wire to an OpenAI-compatible server: strict json_schema response_format,
// temperature 0, the key (or a placeholder), cleaned text.
import { afterAll, beforeAll, beforeEach, expect, it } from "vitest";
import { type FakeLlmServer, startFakeLlmServer } from "../../../test/support/fake-llm-server.ts";
import { createOpenAICompatibleAnalyzer } from "./openai-analyzer.ts";
import { SYSTEM_PROMPT, TICKET_ANALYSIS_JSON_SCHEMA } from "./prompt.ts";

let server: FakeLlmServer;
beforeAll(async () => {
  server = await startFakeLlmServer();
});
afterAll(() => server.close());
beforeEach(() => server.reset());

it("posts a chat completion with a strict json_schema response_format and temperature 0", async () => {
  const analyzer = createOpenAICompatibleAnalyzer({
    baseURL: `${server.url}/v1`,
    model: "qwen2.5-7b-instruct",
    timeoutMs: 5000,
  });
  await analyzer.analyze("Please refund me");
  expect(server.requests).toHaveLength(1);
  const [{ path, body, headers }] = server.requests as [(typeof server.requests)[0]];
  expect(path).toBe("/v1/chat/completions");
  expect(headers.authorization).toBe("Bearer not-needed");
  expect(body).toMatchObject({
    model: "qwen2.5-7b-instruct",
    temperature: 0,
    response_format: {
      type: "json_schema",
      json_schema: { name: "ticket_analysis", schema: TICKET_ANALYSIS_JSON_SCHEMA, strict: true },
    },
  });
  expect(body.stream).toBeUndefined();
  expect(body.messages?.[0]).toEqual({ role: "system", content: SYSTEM_PROMPT });
});

it("sends the given API key and the cleaned text: NUL bytes stripped, capped at maxChars", async () => {
  const analyzer = createOpenAICompatibleAnalyzer({
    baseURL: `${server.url}/v1`,
    model: "m",
    apiKey: "sk-local",
    timeoutMs: 5000,
    maxChars: 50,
  });
  const result = await analyzer.analyze(`bad\u0000 data\n\n${"x".repeat(500)}`);
  expect(result.ok).toBe(true);
  expect(server.requests[0]?.headers.authorization).toBe("Bearer sk-local");
  const user = server.requests[0]?.body.messages?.find((m) => m.role === "user")?.content ?? "";
  expect(user).not.toContain("\u0000");
  expect(user).toContain(`bad data ${"x".repeat(41)}\n`);
  expect(user).not.toContain("x".repeat(42));
});
