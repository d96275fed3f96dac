import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMailer, smtpTransportOptions } from "~/modules/notifications/delivery.server";
import { startSmtpSink, type SmtpSink } from "../support/smtp";

let sink: SmtpSink;
beforeAll(async () => {
  sink = await startSmtpSink(); // a real SMTP server that offers no STARTTLS
});
afterAll(() => sink.close());

const mail = { from: "noreply@expertenpool.test", to: "a@gemeente.be", subject: "Test", text: "x" };

describe("SMTP transport security", () => {
  it("with ?requireTLS=true refuses to send over a server that offers no STARTTLS", async () => {
    const mailer = createMailer(`${sink.url}?requireTLS=true`, "noreply@expertenpool.test");
    try {
      await expect(mailer.transporter.sendMail(mail)).rejects.toThrow(/STARTTLS|TLS/i);
      expect(sink.messages).toHaveLength(0);
    } finally {
      mailer.close();
    }
  });

  it("without it, plain SMTP to a local relay still works", async () => {
    const mailer = createMailer(sink.url, "noreply@expertenpool.test");
    try {
      await mailer.transporter.sendMail(mail);
      expect(sink.messages).toHaveLength(1);
    } finally {
      mailer.close();
    }
  });

  it("verifies certificates unless told otherwise, and then says so", () => {
    expect(smtpTransportOptions("smtp://relay.example:587").options.tls.rejectUnauthorized).toBe(true);
    expect(smtpTransportOptions("smtps://relay.example").options).toMatchObject({ secure: true, port: 465 });
    const warnings: string[] = [];
    const mailer = createMailer("smtp://relay.example:587?tlsRejectUnauthorized=false", "noreply@expertenpool.test", (w) => warnings.push(w));
    mailer.close();
    expect(warnings).toEqual([expect.stringContaining("NOT verified")]);
    expect(smtpTransportOptions("smtp://relay.example:587?requireTLS=true").options.requireTLS).toBe(true);
  });
});
