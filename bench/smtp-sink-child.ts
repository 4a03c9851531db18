// A real SMTP server (smtp-server) in its own process for `bench/email.ts`, so the benchmark's
// dispatcher does not share an event loop with the receiver. IPC: sends {port} when listening;
// answers "stats" with {received, distinct}.
import { startSmtpSink } from "../test/support/smtp-sink.ts";

const sink = await startSmtpSink({ keepRaw: false });
process.send?.({ port: sink.port });
process.on("message", async (m) => {
  if (m === "stats")
    process.send?.({ received: sink.messageIds.length, distinct: new Set(sink.messageIds).size });
  if (m === "close") {
    await sink.close();
    process.exit(0);
  }
});
