/**
 * Certificates of attendance: a PDF for a seat marked present, downloaded from the
 * attendee's personal link, with a verification code that /verify/<code> checks.
 * The code is random (60 bits, Crockford base32) and stored; the PDF is made on request.
 */
import { randomBytes } from "node:crypto";
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import fontkit from "@pdf-lib/fontkit";
import { eq } from "drizzle-orm";
import { PDFDocument, rgb } from "pdf-lib";
import { certificates, seats } from "#db/schema";
import { translator } from "../../i18n";
import { db } from "../../utils/db.server";
import { env } from "../../utils/env.server";
import { seatsWithSession } from "../notifications/seat-links.server";
import { verifySelfServiceToken } from "../notifications/self-service.server";
import { formatDate } from "../time/brussels";

const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

function newCode(): string {
  const bytes = randomBytes(12);
  let out = "";
  for (let i = 0; i < 12; i++) out += ALPHABET[bytes[i]! % 32];
  return `${out.slice(0, 4)}-${out.slice(4, 8)}-${out.slice(8)}`;
}

/** "abcd efgh-ijkl" → "ABCD-EFGH-IJKL"; null unless it has the shape of a code. */
export function normaliseCode(input: string): string | null {
  const plain = input.toUpperCase().replace(/[^0-9A-Z]/g, "").replace(/O/g, "0").replace(/[IL]/g, "1");
  if (plain.length !== 12 || [...plain].some((c) => !ALPHABET.includes(c))) return null;
  return `${plain.slice(0, 4)}-${plain.slice(4, 8)}-${plain.slice(8)}`;
}

export type CertificateFacts = {
  code: string;
  name: string;
  title: string;
  provider: string;
  startsAt: Date;
  hours: number;
  locale: "nl" | "en";
};

async function presentSeat(seatId: string) {
  const [row] = await seatsWithSession(db(), eq(seats.id, seatId));
  if (!row || row.seat.status !== "confirmed" || row.seat.attendance !== "present" || row.session.status !== "published") return null;
  return row;
}

const hoursOf = (s: { startsAt: Date; endsAt: Date }) => Math.round(((s.endsAt.getTime() - s.startsAt.getTime()) / 3_600_000) * 10) / 10;

/** The facts for the attendee behind a personal link, issuing the code on the first call; null unless marked present. */
export async function issueCertificate(args: { token: string; now: Date }): Promise<CertificateFacts | null> {
  const seatId = verifySelfServiceToken(args.token);
  if (!seatId) return null;
  const row = await presentSeat(seatId);
  if (!row) return null;
  await db().insert(certificates).values({ code: newCode(), seatId, issuedAt: args.now }).onConflictDoNothing({ target: certificates.seatId });
  const [cert] = await db().select().from(certificates).where(eq(certificates.seatId, seatId));
  return {
    code: cert!.code,
    name: row.seat.name,
    title: row.session.title,
    provider: row.providerName,
    startsAt: row.session.startsAt,
    hours: hoursOf(row.session),
    locale: row.seat.locale === "en" ? "en" : "nl",
  };
}

export type Verification =
  | { genuine: false }
  | { genuine: true; code: string; name: string; title: string; provider: string; startsAt: Date; hours: number; stillValid: boolean };

/** Is this code a certificate we issued? The attendance is checked again (a correction revokes it). */
export async function verifyCertificate(args: { code: string }): Promise<Verification> {
  const code = normaliseCode(args.code);
  if (!code) return { genuine: false };
  const [cert] = await db().select().from(certificates).where(eq(certificates.code, code));
  if (!cert) return { genuine: false };
  const [row] = await seatsWithSession(db(), eq(seats.id, cert.seatId));
  if (!row) return { genuine: false };
  return {
    genuine: true,
    code,
    name: row.seat.name,
    title: row.session.title,
    provider: row.providerName,
    startsAt: row.session.startsAt,
    hours: hoursOf(row.session),
    stillValid: row.seat.status === "confirmed" && row.seat.attendance === "present" && row.session.status === "published",
  };
}


const require = createRequire(import.meta.url);
let fonts: Promise<[Uint8Array, Uint8Array]> | undefined;
/** DejaVu Sans (regular and bold): covers every Dutch and French accent. */
function fontBytes() {
  fonts ??= Promise.all([
    readFile(require.resolve("dejavu-fonts-ttf/ttf/DejaVuSans.ttf")),
    readFile(require.resolve("dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf")),
  ]);
  return fonts;
}

/** Break a line so that it fits `width` points. */
function wrap(text: string, width: number, measure: (s: string) => number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/)) {
    const next = line ? `${line} ${word}` : word;
    if (line && measure(next) > width) {
      lines.push(line);
      line = word;
    } else line = next;
  }
  if (line) lines.push(line);
  return lines;
}

/** The certificate as a one-page A4 landscape PDF with embedded (subset) fonts. */
export async function certificatePdf(facts: CertificateFacts): Promise<Uint8Array> {
  const t = translator(facts.locale);
  const doc = await PDFDocument.create();
  doc.registerFontkit(fontkit);
  const [regularBytes, boldBytes] = await fontBytes();
  const regular = await doc.embedFont(regularBytes, { subset: true });
  const bold = await doc.embedFont(boldBytes, { subset: true });
  doc.setTitle(`${t("certificates.pdf.heading")} — ${facts.title}`);
  doc.setAuthor("Expertenpool");
  doc.setLanguage(facts.locale === "nl" ? "nl-BE" : "en");
  const page = doc.addPage([842, 595]);
  const ink = rgb(0.1, 0.15, 0.25);
  const width = 842 - 2 * 80;
  let y = 500;
  const center = (text: string, size: number, font = regular, gap = 12) => {
    for (const line of wrap(text, width, (s) => font.widthOfTextAtSize(s, size))) {
      page.drawText(line, { x: (842 - font.widthOfTextAtSize(line, size)) / 2, y, size, font, color: ink });
      y -= size + gap;
    }
  };
  page.drawRectangle({ x: 30, y: 30, width: 782, height: 535, borderColor: rgb(0.11, 0.37, 0.66), borderWidth: 2 });
  center(t("certificates.pdf.heading"), 30, bold, 26);
  center(t("certificates.pdf.certify"), 13);
  center(facts.name, 24, bold, 16);
  center(t("certificates.pdf.attended"), 13);
  center(`“${facts.title}”`, 18, bold, 14);
  center(t("certificates.pdf.by", { provider: facts.provider }), 13);
  center(t("certificates.pdf.on", { date: formatDate(facts.startsAt, facts.locale) }), 13, regular, 24);
  const hours = new Intl.NumberFormat(facts.locale === "nl" ? "nl-BE" : "en-GB", { maximumFractionDigits: 1 }).format(facts.hours);
  // The same words as the check page (/verify/<code>) uses for these two facts.
  center(`${t("certificates.verify.duration")}: ${t("certificates.verify.hours", { hours })}`, 13, regular, 30);
  center(`${t("certificates.verify.code")}: ${facts.code}`, 11);
  center(t("certificates.pdf.check", { url: `${env().appUrl}/verify/${facts.code}` }), 11);
  return doc.save();
}
