import { createOllamaAnalyzer } from "../adapters/llm/ollama-analyzer.ts";
import { createOpenAICompatibleAnalyzer } from "../adapters/llm/openai-analyzer.ts";
import type { TicketAnalyzer } from "../core/tickets/analysis.ts";
import type { TicketsConfig } from "../core/tickets/config.ts";
import { createRulesAnalyzer } from "../core/tickets/rules-analyzer.ts";

/** The one place that turns configuration into an analyzer (the composition root for text). */
export function createTicketAnalyzer(
  c: TicketsConfig,
  overrides: Partial<TicketsConfig> = {},
): TicketAnalyzer {
  const cfg = { ...c, ...overrides };
  const timeoutMs = cfg.timeoutSeconds * 1000;
  switch (cfg.analyzer) {
    case "rules":
      return createRulesAnalyzer();
    case "ollama":
      return createOllamaAnalyzer({ host: cfg.url, model: cfg.model, timeoutMs, maxChars: cfg.maxChars });
    case "openai":
      return createOpenAICompatibleAnalyzer({
        baseURL: cfg.url,
        model: cfg.model,
        timeoutMs,
        maxChars: cfg.maxChars,
        ...(cfg.apiKey ? { apiKey: cfg.apiKey } : {}),
      });
  }
}
