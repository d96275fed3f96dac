/** Certificates: the PDF's text read back with pdftotext (poppler-utils), /verify/<code>, who may download. */
import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { setAttendance } from "~/modules/bookings/bookings.server";
import { selfServiceToken } from "~/modules/notifications/self-service.server";
import { formatDate } from "~/modules/time/brussels";
import { db } from "~/utils/db.server";
import { seats } from "../../db/schema";
import { createUser } from "../support/factories/accounts";
import { book } from "../support/factories/bookings";
import { createOffering, createProvider, createSession } from "../support/factories/catalog";
import { testServer as server, testServerForThisFile } from "../support/server";

testServerForThisFile();

const H = 3_600_000;

function pdfText(bytes: ArrayBuffer): string {
  const dir = mkdtempSync(path.join(tmpdir(), "cert-"));
  const file = path.join(dir, "attest.pdf");
  writeFileSync(file, Buffer.from(bytes));
  return execFileSync("pdftotext", ["-enc", "UTF-8", file, "-"], { encoding: "utf8" });
}

describe("certificate of attendance", () => {
  it("is a PDF with the attendee, session, provider, date, hours and a code that /verify confirms", async () => {
    const provider = await createProvider({ name: "Ceapire Vlaanderen" });
    const planner = await createUser("provider", { ...provider, kind: "provider" });
    const coordinator = await createUser("coordinator");
    const offering = await createOffering({ provider, title: "Signalen herkennen: één aanpak voor gemeenten", durationMinutes: 210 });
    const startsAt = new Date(Date.now() - 6 * H);
    const session = await createSession({ offering, startsAt, bookingDeadline: new Date(startsAt.getTime() - 86_400_000) });
    const people = [
      { name: "Éloïse Van de Wiële", email: `eloise-${session.id.slice(0, 6)}@gemeente.test` },
      { name: "Jonas Peeters", email: `jonas-${session.id.slice(0, 6)}@gemeente.test` },
    ];
    await book(coordinator, session.id, people, new Date(startsAt.getTime() - 2 * 86_400_000));
    const [present] = await db().select().from(seats).where(eq(seats.email, people[0]!.email));
    const [absent] = await db().select().from(seats).where(eq(seats.email, people[1]!.email));
    const mark = (seatId: string, attendance: "present" | "absent") =>
      setAttendance({ providerId: provider.id, userId: planner.id, sessionId: session.id, seatId, attendance, now: new Date() });
    await mark(present!.id, "present");
    await mark(absent!.id, "absent");

    const url = (seatId: string) => `${server.url}/attend/${selfServiceToken(seatId)}/certificate.pdf`;
    const res = await fetch(url(present!.id));
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/pdf");
    expect(res.headers.get("cache-control")).toBe("no-store");
    const text = pdfText(await res.arrayBuffer()).replace(/\s+/g, " ");
    expect(text).toContain("Attest van deelname");
    expect(text).toContain("Éloïse Van de Wiële");
    expect(text).toContain("“Signalen herkennen: één aanpak voor gemeenten”");
    expect(text).toContain("aangeboden door Ceapire Vlaanderen");
    expect(text).toContain(`op ${formatDate(startsAt, "nl")}.`);
    expect(text).toContain("Duur: 3,5 uur");
    const code = /Verificatiecode: ([0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4})/.exec(text)?.[1];
    expect(code).toBeTruthy();
    expect(text).toContain(`/verify/${code}`);

    // The same seat keeps its code.
    const again = pdfText(await (await fetch(url(present!.id))).arrayBuffer());
    expect(again).toContain(code!);

    const verify = await fetch(`${server.url}/verify/${code!.toLowerCase()}`);
    expect(verify.status).toBe(200);
    const page = await verify.text();
    expect(page).toContain("Dit attest is echt");
    expect(page).toContain("Éloïse Van de Wiële");
    expect(page).toContain("3,5 uur");
    // The visitor who chose English reads the same facts in English.
    const english = await (await fetch(`${server.url}/verify/${code}`, { headers: { Cookie: "lang=en" } })).text();
    expect(english).toContain("This certificate is genuine");
    expect(english).toContain("3.5 hours");
    expect(english).not.toContain("Dit attest is echt");

    // Absent, a forged link, an unknown code.
    expect((await fetch(url(absent!.id))).status).toBe(404);
    // The attendee's personal page offers the certificate only to someone marked present.
    const attendPage = (seatId: string) => fetch(`${server.url}/attend/${selfServiceToken(seatId)}`).then((r) => r.text());
    expect(await attendPage(present!.id)).toContain(`href="/attend/${selfServiceToken(present!.id)}/certificate.pdf"`);
    expect(await attendPage(absent!.id)).not.toContain("certificate.pdf");
    expect((await fetch(`${server.url}/attend/not-a-token/certificate.pdf`)).status).toBe(404);
    expect(await (await fetch(`${server.url}/verify/ABCD-EFGH-JKMN`)).text()).toContain("Geen geldig attest");
    expect(await (await fetch(`${server.url}/verify/${"x".repeat(500)}`)).text()).toContain("Geen geldig attest");

    // A corrected attendance revokes the certificate.
    await mark(present!.id, "absent");
    expect(await (await fetch(`${server.url}/verify/${code}`)).text()).toContain("is ingetrokken");
    expect((await fetch(url(present!.id))).status).toBe(404);
  });
});
