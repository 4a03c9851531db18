// Batches through both real clients against a local server that counts requests in flight.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type FakeLlmServer, startFakeLlmServer } from "../../../test/support/fake-llm-server.ts";
import type { AnalysisResult } from "../../core/tickets/analysis.ts";
import { analyzeBatch } from "./analyze-batch.ts";
import { memoryCache } from "./cache.ts";
import { createOllamaAnalyzer } from "./ollama-analyzer.ts";
import { createOpenAICompatibleAnalyzer } from "./openai-analyzer.ts";

let server: FakeLlmServer;
beforeAll(async () => {
  server = await startFakeLlmServer({ slowMs: 3000 });
});
afterAll(() => server.close());
beforeEach(() => server.reset());

const protocols = [
  {
    protocol: "ollama",
    make: (timeoutMs = 1000) => createOllamaAnalyzer({ host: server.url, model: "llama3.1:8b", timeoutMs }),
  },
  {
    protocol: "openai",
    make: (timeoutMs = 1000) =>
      createOpenAICompatibleAnalyzer({ baseURL: `${server.url}/v1`, model: "qwen2.5", timeoutMs }),
  },
] as const;

const tickets = (...texts: string[]) => texts.map((text, i) => ({ id: `T-${i + 1}`, text }));
const errors = (results: Map<string, AnalysisResult>) =>
  Object.fromEntries([...results].flatMap(([id, r]) => (r.ok ? [] : [[id, r.error]])));

describe.each(protocols)("analyzeBatch over $protocol", ({ make }) => {
  it("keeps going past a timeout and a bad answer, with at most `concurrency` calls at once", async () => {
    const progress: [number, number][] = [];
    const started = performance.now();
    const results = await analyzeBatch(
      make(1000),
      tickets("Charged twice", "Export hangs [slow]", "Cannot log in", "Wrong plan [malformed]", "Add SSO"),
      { concurrency: 2, onProgress: (done, total) => progress.push([done, total]) },
    );
    expect(performance.now() - started).toBeLessThan(2000);
    // In the tickets' order, though T-2 finished last.
    expect([...results.keys()]).toEqual(["T-1", "T-2", "T-3", "T-4", "T-5"]);
    expect([...results.values()].filter((r) => r.ok)).toHaveLength(3);
    expect(errors(results)).toEqual({ "T-2": "timeout_after_1s", "T-4": "invalid_json" });
    expect(server.requests).toHaveLength(5);
    expect(server.maxActive).toBe(2);
    expect(progress).toEqual([1, 2, 3, 4, 5].map((done) => [done, 5]));
  });

  it("never exceeds the concurrency under load", async () => {
    const texts = Array.from({ length: 12 }, (_, i) => `Ticket ${i} [delay:40]`);
    const results = await analyzeBatch(make(), tickets(...texts), { concurrency: 3 });
    expect([...results.values()].every((r) => r.ok)).toBe(true);
    expect(server.requests).toHaveLength(12);
    expect(server.maxActive).toBe(3);
  });

  it("answers a second batch over the same tickets from the cache, retrying only failures", async () => {
    const analyzer = make();
    const cache = memoryCache();
    const batch = tickets("Charged twice", "Cannot log in", "Wrong plan [malformed]");
    const first = await analyzeBatch(analyzer, batch, { concurrency: 2, cache });
    expect(server.requests).toHaveLength(3);
    expect(cache.size).toBe(2);

    server.reset();
    const progress: number[] = [];
    const second = await analyzeBatch(analyzer, batch, {
      concurrency: 2,
      cache,
      onProgress: (d) => progress.push(d),
    });
    expect(server.requests).toHaveLength(1); // only the ticket that failed
    expect(second).toEqual(first);
    expect(progress).toEqual([1, 2, 3]);

    server.reset();
    const good = batch.slice(0, 2);
    await analyzeBatch(analyzer, good, { concurrency: 2, cache });
    expect(server.requests).toHaveLength(0);
  });

  it("analyzes identical ticket texts once per batch", async () => {
    const results = await analyzeBatch(make(), tickets("Refund please", "Refund   please", "Other"), {
      concurrency: 3,
    });
    expect(server.requests).toHaveLength(2);
    expect(results.get("T-2")).toEqual(results.get("T-1"));
  });

  it("starts no new ticket after an abort and returns the results so far", async () => {
    const controller = new AbortController();
    const texts = Array.from({ length: 6 }, (_, i) => `Ticket ${i} [delay:20]`);
    const results = await analyzeBatch(make(), tickets(...texts), {
      concurrency: 1,
      signal: controller.signal,
      onProgress: (done) => done === 2 && controller.abort(),
    });
    expect([...results.keys()]).toEqual(["T-1", "T-2"]);
    await new Promise((r) => setTimeout(r, 100));
    expect(server.requests).toHaveLength(2);
  });

  it("cuts off calls in flight on abort, leaving them without an entry", async () => {
    const controller = new AbortController();
    server.onRequest = (r) => {
      if (JSON.stringify(r.body).includes("[slow]")) controller.abort();
    };
    const started = performance.now();
    const results = await analyzeBatch(
      make(10_000),
      tickets("Fine", "Hangs [slow]", "Never sent", "Nor this"),
      {
        concurrency: 1,
        signal: controller.signal,
      },
    );
    expect(performance.now() - started).toBeLessThan(1000);
    expect([...results.keys()]).toEqual(["T-1"]);
    expect(server.requests).toHaveLength(2);
    await expect.poll(() => server.active).toBe(0);
  });
});

describe("analyzeBatch arguments", () => {
  const analyzer = () => createOllamaAnalyzer({ host: server.url, model: "m", timeoutMs: 1000 });

  it("sends nothing when the signal is already aborted", async () => {
    const results = await analyzeBatch(analyzer(), tickets("a", "b"), {
      concurrency: 2,
      signal: AbortSignal.abort(),
    });
    expect(results.size).toBe(0);
    expect(server.requests).toHaveLength(0);
  });

  it("refuses a concurrency that is not a positive integer", async () => {
    for (const concurrency of [0, -1, 1.5, Number.NaN]) {
      await expect(analyzeBatch(analyzer(), tickets("a"), { concurrency })).rejects.toThrow(RangeError);
    }
  });

  it("returns an empty map for no tickets", async () => {
    expect((await analyzeBatch(analyzer(), [], { concurrency: 4 })).size).toBe(0);
  });
});
