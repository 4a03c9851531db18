// Test support: a local HTTP server that speaks Ollama's /api/chat and the OpenAI-compatible
// /v1/chat/completions, so the analyzer tests run the real client libraries against it.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { TicketAnalysis } from "../../src/core/tickets/analysis.ts";

/**
 * How the server answers, chosen per request by a marker in the ticket text (e.g. "[slow]"):
 * good (no marker), slow (answers after `slowMs`), malformed (content is not JSON),
 * off-schema (category "pricing"), http500, or delay:<ms> (a good answer after <ms>).
 */
export type Behaviour = "good" | "slow" | "malformed" | "off-schema" | "http500" | `delay:${number}`;

export type RecordedRequest = { path: string; headers: IncomingMessage["headers"]; body: ChatBody };
type ChatBody = { model?: string; messages?: { role: string; content: string }[]; [key: string]: unknown };

export type FakeLlmServer = {
  /** "http://127.0.0.1:<port>" */
  readonly url: string;
  readonly requests: RecordedRequest[];
  /** Requests being answered right now, and the most at once since the last reset. */
  readonly active: number;
  readonly maxActive: number;
  /** Called as each request arrives (after it is recorded). */
  onRequest: ((r: RecordedRequest) => void) | undefined;
  reset(): void;
  close(): Promise<void>;
};

export function goodAnalysis(ticketText: string): TicketAnalysis {
  return {
    summary: `About: ${ticketText.slice(0, 60)}`,
    category: "billing",
    sentiment: "negative",
    churn_intent: ticketText.includes("cancel"),
    recommended_action: "Call the customer about the invoice.",
  };
}

function behaviourOf(ticketText: string): Behaviour {
  const marker = /\[(slow|malformed|off-schema|http500|delay:\d+)\]/.exec(ticketText)?.[1];
  return (marker as Behaviour | undefined) ?? "good";
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

function ollamaReply(model: string, content: string): unknown {
  return {
    model,
    created_at: new Date().toISOString(),
    message: { role: "assistant", content },
    done: true,
    done_reason: "stop",
    total_duration: 1_000_000,
    load_duration: 1000,
    prompt_eval_count: 50,
    prompt_eval_duration: 1000,
    eval_count: 40,
    eval_duration: 1000,
  };
}

function openaiReply(model: string, content: string): unknown {
  return {
    id: `chatcmpl-${Math.random().toString(36).slice(2)}`,
    object: "chat.completion",
    created: Math.floor(Date.now() / 1000),
    model,
    choices: [{ index: 0, message: { role: "assistant", content }, finish_reason: "stop", logprobs: null }],
    usage: { prompt_tokens: 50, completion_tokens: 40, total_tokens: 90 },
  };
}

export async function startFakeLlmServer(opts: { slowMs?: number } = {}): Promise<FakeLlmServer> {
  const slowMs = opts.slowMs ?? 3000;
  const requests: RecordedRequest[] = [];
  let active = 0;
  let maxActive = 0;

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = req.url ?? "";
    const isOllama = req.method === "POST" && path === "/api/chat";
    const isOpenAI = req.method === "POST" && path === "/v1/chat/completions";
    if (!isOllama && !isOpenAI) {
      res.writeHead(404, { "content-type": "application/json" }).end('{"error":"not found"}');
      return;
    }
    active++;
    maxActive = Math.max(maxActive, active);
    let finished = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const finish = () => {
      if (finished) return false;
      finished = true;
      active--;
      clearTimeout(timer);
      return true;
    };
    // The client went away (an abort or a timeout): stop counting it and drop the pending answer.
    res.on("close", finish);

    const body = JSON.parse(await readBody(req)) as ChatBody;
    const recorded: RecordedRequest = { path, headers: req.headers, body };
    requests.push(recorded);
    server.onRequest?.(recorded);

    const model = body.model ?? "unknown";
    const userMessage = body.messages?.find((m) => m.role === "user")?.content ?? "";
    const ticketText = /"""\n([\s\S]*)\n"""/.exec(userMessage)?.[1] ?? userMessage;
    const behaviour = behaviourOf(ticketText);
    const send = (status: number, payload: unknown) => {
      // Counted down before the bytes go out, so the client cannot start its next call first.
      if (!finish()) return;
      res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(payload));
    };
    const answer = (content: string) =>
      send(200, isOllama ? ollamaReply(model, content) : openaiReply(model, content));

    if (behaviour === "http500") {
      send(
        500,
        isOllama ? { error: "model runner crashed" } : { error: { message: "model runner crashed" } },
      );
    } else if (behaviour === "malformed") {
      answer('{"summary": "cut off", "category": ');
    } else if (behaviour === "off-schema") {
      answer(JSON.stringify({ ...goodAnalysis(ticketText), category: "pricing" }));
    } else {
      const delay =
        behaviour === "slow" ? slowMs : behaviour.startsWith("delay:") ? Number(behaviour.slice(6)) : 0;
      const content = JSON.stringify(goodAnalysis(ticketText));
      if (delay > 0) timer = setTimeout(() => answer(content), delay);
      else answer(content);
    }
  }

  const http = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(400).end(String(error));
    });
  });
  await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
  const { port } = http.address() as AddressInfo;

  const server: FakeLlmServer = {
    url: `http://127.0.0.1:${port}`,
    requests,
    get active() {
      return active;
    },
    get maxActive() {
      return maxActive;
    },
    onRequest: undefined,
    reset() {
      requests.length = 0;
      maxActive = active;
      server.onRequest = undefined;
    },
    close() {
      http.closeAllConnections();
      return new Promise((resolve, reject) => http.close((e) => (e ? reject(e) : resolve())));
    },
  };
  return server;
}

/** A URL where nothing listens (a port just released). */
export async function closedPortUrl(): Promise<string> {
  const http = createServer();
  await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
  const { port } = http.address() as AddressInfo;
  await new Promise<void>((resolve) => http.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}
