// The contract both LLM analyzers keep, each through its real client library against a local
// server speaking its protocol: answers parse, and every failure is a short `{ ok: false }`.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  closedPortUrl,
  type FakeLlmServer,
  goodAnalysis,
  startFakeLlmServer,
} from "../../../test/support/fake-llm-server.ts";
import type { TicketAnalyzer } from "../../core/tickets/analysis.ts";
import { createOllamaAnalyzer } from "./ollama-analyzer.ts";
import { createOpenAICompatibleAnalyzer } from "./openai-analyzer.ts";
import { PROMPT_VERSION } from "./prompt.ts";

let server: FakeLlmServer;
beforeAll(async () => {
  server = await startFakeLlmServer({ slowMs: 3000 });
});
afterAll(() => server.close());
beforeEach(() => server.reset());

const protocols = [
  {
    protocol: "ollama",
    name: "ollama:llama3.1:8b",
    make: (url: string, timeoutMs = 1000) =>
      createOllamaAnalyzer({ host: url, model: "llama3.1:8b", timeoutMs }),
  },
  {
    protocol: "openai",
    name: "openai:qwen2.5-7b-instruct",
    make: (url: string, timeoutMs = 1000) =>
      createOpenAICompatibleAnalyzer({ baseURL: `${url}/v1`, model: "qwen2.5-7b-instruct", timeoutMs }),
  },
] as const;

describe.each(protocols)("$protocol analyzer", ({ name, make }) => {
  let analyzer: TicketAnalyzer;
  beforeAll(() => {
    analyzer = make(server.url);
  });

  it("returns the parsed analysis with the analyzer's name and prompt version", async () => {
    const text = "Your invoice charged us twice, we will cancel";
    expect(analyzer.name).toBe(name);
    expect(analyzer.version).toBe(PROMPT_VERSION);
    expect(await analyzer.analyze(text)).toEqual({
      ok: true,
      analysis: goodAnalysis(text),
      analyzer: name,
      version: PROMPT_VERSION,
    });
    expect(server.requests).toHaveLength(1);
  });

  it("gives up on a slow answer at the timeout, well before the server answers", async () => {
    const started = performance.now();
    const result = await analyzer.analyze("Dashboard is slow [slow]");
    const elapsed = performance.now() - started;
    expect(result).toEqual({ ok: false, error: "timeout_after_1s", analyzer: name, version: PROMPT_VERSION });
    expect(elapsed).toBeGreaterThanOrEqual(990);
    expect(elapsed).toBeLessThan(2000);
    // The request was really cut off: the server saw the client leave.
    await expect.poll(() => server.active).toBe(0);
  });

  it.each([
    ["malformed JSON", "[malformed]", "invalid_json"],
    ["JSON outside the schema", "[off-schema]", "schema_mismatch: category"],
    ["HTTP 500", "[http500]", "http_500: model runner crashed"],
  ])("turns %s into an error result", async (_, marker, error) => {
    expect(await analyzer.analyze(`Something broke ${marker}`)).toEqual({
      ok: false,
      error,
      analyzer: name,
      version: PROMPT_VERSION,
    });
  });

  it("turns a refused connection into an error result", async () => {
    const offline = make(await closedPortUrl());
    expect(await offline.analyze("Hello")).toMatchObject({
      ok: false,
      error: "connection_failed: ECONNREFUSED",
    });
  });

  it("stops a call in flight when the caller aborts", async () => {
    const patient = make(server.url, 10_000);
    const controller = new AbortController();
    server.onRequest = () => controller.abort();
    const started = performance.now();
    const result = await patient.analyze("Login broken [slow]", { signal: controller.signal });
    expect(result).toMatchObject({ ok: false, error: "aborted" });
    expect(performance.now() - started).toBeLessThan(1000);
    await expect.poll(() => server.active).toBe(0);
  });

  it("sends nothing for an already aborted signal or a ticket with no text", async () => {
    expect(await analyzer.analyze("Hello", { signal: AbortSignal.abort() })).toMatchObject({
      ok: false,
      error: "aborted",
    });
    expect(await analyzer.analyze(" \u0000\n\t ")).toMatchObject({ ok: false, error: "empty_text" });
    expect(server.requests).toHaveLength(0);
  });
});
