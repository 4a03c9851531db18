import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { AnalysisResult } from "../../core/tickets/analysis.ts";
import { cacheKey, memoryCache } from "./cache.ts";

describe("cacheKey", () => {
  it("is the sha256 of cleaned text, analyzer name and version, NUL-separated", () => {
    const expected = createHash("sha256")
      .update("Refund please\u0000ollama:llama3.1:8b\u0000v1")
      .digest("hex");
    expect(cacheKey("  Refund\u0000 \n please ", "ollama:llama3.1:8b", "v1")).toBe(expected);
  });

  it("changes with the model (in the name) and the prompt version", () => {
    const base = cacheKey("Refund please", "ollama:a", "v1");
    expect(cacheKey("Refund please", "ollama:b", "v1")).not.toBe(base);
    expect(cacheKey("Refund please", "ollama:a", "v2")).not.toBe(base);
    // The separator keeps fields apart: moving text between them is a different key.
    expect(cacheKey("Refund please", "ollama:a", "v1")).not.toBe(
      cacheKey("Refund please\u0000ollama:a", "", "v1"),
    );
  });

  it("tells apart long texts that differ only past the default cap", () => {
    const long = "x".repeat(5000);
    expect(cacheKey(`${long}a`, "n", "v")).not.toBe(cacheKey(`${long}b`, "n", "v"));
  });
});

describe("memoryCache", () => {
  it("returns what was stored and nothing for unknown keys", async () => {
    const cache = memoryCache();
    const result: AnalysisResult = {
      ok: true,
      analysis: {
        summary: "s",
        category: "bug",
        sentiment: "neutral",
        churn_intent: false,
        recommended_action: "a",
      },
      analyzer: "ollama:m",
      version: "v1",
    };
    expect(await cache.get("k")).toBeUndefined();
    await cache.set("k", result);
    expect(await cache.get("k")).toEqual(result);
    expect(cache.size).toBe(1);
  });
});
