import { SMTPServer } from "smtp-server";

export type ReceivedMail = { from: string; to: string[]; raw: string; messageId: string | null };

type Behaviour = { fail?: boolean; delayMs?: number; gate?: Promise<void> };

export type SmtpSink = {
  url: string;
  port: number;
  messages: ReceivedMail[];
  /** Make the next DATA commands fail (e.g. to simulate an outage), slow, or wait for `gate`. */
  setBehaviour: (b: Behaviour) => void;
  /** Messages whose DATA arrived and that wait for their answer (see `gate`). */
  waiting: () => number;
  close: () => Promise<void>;
};

/** A real SMTP server in-process (nodemailer's smtp-server) that keeps what it receives. */
export async function startSmtpSink(port = 0): Promise<SmtpSink> {
  const messages: ReceivedMail[] = [];
  let behaviour: Behaviour = {};
  let waiting = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        const finish = () => {
          if (behaviour.fail) return callback(new Error("451 temporary failure (test)"));
          const raw = Buffer.concat(chunks).toString("utf8");
          messages.push({
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
            to: session.envelope.rcptTo.map((r) => r.address),
            raw,
            messageId: /^Message-ID:\s*(<[^>]+>)/im.exec(raw)?.[1] ?? null,
          });
          callback();
        };
        if (behaviour.gate) {
          waiting++;
          void behaviour.gate.then(() => {
            waiting--;
            finish();
          });
        } else if (behaviour.delayMs) setTimeout(finish, behaviour.delayMs);
        else finish();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve());
  });
  // A client that dies mid-conversation (the crash test kills a worker) resets its
  // connection: that is expected here, not an error of the sink.
  server.removeAllListeners("error");
  server.on("error", (e: NodeJS.ErrnoException) => {
    if (e.code !== "ECONNRESET" && e.code !== "EPIPE") console.error("smtp sink:", e.message);
  });
  const address = server.server.address();
  const actualPort = typeof address === "object" && address ? address.port : port;
  return {
    url: `smtp://127.0.0.1:${actualPort}`,
    port: actualPort,
    messages,
    setBehaviour: (b) => {
      behaviour = b;
    },
    waiting: () => waiting,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * Run the real worker against the sink until the outbox has nothing left to send (at most
 * 20 s), then stop it; returns what the sink received since the last call. The reminder and
 * evaluation sweeps stay off.
 */
export async function deliverOutbox(sink: SmtpSink, options: { mailFrom: string; now?: Date }): Promise<ReceivedMail[]> {
  const { startWorker } = await import("../../app/jobs/worker.server");
  const { sql } = await import("../../app/utils/db.server");
  const now = options.now;
  const w = startWorker({ log: () => {}, smtpUrl: sink.url, mailFrom: options.mailFrom, intervalMs: 20, sweepMs: 1e12, now: now ? () => now : undefined });
  const end = Date.now() + 20_000;
  while (Date.now() < end) {
    const [{ n } = { n: 0 }] = await sql()<{ n: number }[]>`select count(*)::int as n from outbox where sent_at is null and failed_at is null`;
    if (n === 0) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  await w.stop();
  return sink.messages.splice(0);
}
