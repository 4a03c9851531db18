import { simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";

/** A real SMTP server in the test process that keeps every message it accepts (raw and parsed on demand). */
export interface SmtpSink {
  port: number;
  raw: string[];
  /** Message-IDs in arrival order. */
  messageIds: string[];
  /** Answer RCPT TO for these addresses with this reply (e.g. 451 or 550). */
  refuse: Map<string, number>;
  /** Server errors other than a client's reset connection. */
  errors: string[];
  parsed(i: number): ReturnType<typeof simpleParser>;
  close(): Promise<void>;
}

export async function startSmtpSink(opts: { keepRaw?: boolean } = {}): Promise<SmtpSink> {
  const keepRaw = opts.keepRaw ?? true;
  const sink = {
    port: 0,
    raw: [] as string[],
    messageIds: [] as string[],
    refuse: new Map<string, number>(),
    errors: [] as string[],
  };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    size: 10 * 1024 * 1024,
    maxClients: 100,
    onRcptTo(address, _session, cb) {
      const code = sink.refuse.get(address.address.toLowerCase());
      if (code) {
        const e = new Error(code >= 500 ? "mailbox unavailable" : "try again later") as Error & {
          responseCode: number;
        };
        e.responseCode = code;
        return cb(e);
      }
      cb();
    },
    onData(stream, _session, cb) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        const text = Buffer.concat(chunks).toString("utf8");
        const id = /^message-id:\s*(.+)$/im.exec(text.split(/\r?\n\r?\n/)[0] ?? "")?.[1]?.trim();
        sink.messageIds.push(id ?? "");
        if (keepRaw) sink.raw.push(text);
        cb();
      });
    },
  });
  // A client killed mid-conversation resets its socket: expected in the crash test, not a failure.
  server.on("error", (e: NodeJS.ErrnoException) => {
    if (e.code !== "ECONNRESET" && e.code !== "EPIPE") sink.errors.push(e.message);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  sink.port = (server.server.address() as { port: number }).port;
  return Object.assign(sink, {
    parsed: (i: number) => simpleParser(sink.raw[i]!),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  });
}
