/**
 * #11 interoperability suite: every message kind, the public .ics and a feed, with hostile
 * names, parsed by four independent parsers — ical.js and node-ical here, Debian's
 * python3-icalendar and python3-vobject through tests/interop/parse_ics.py. Each must
 * parse, round-trip the names (RFC 6868 decoded where the parser doesn't), give the
 * intended Brussels instants, and see SEQUENCE and DTSTAMP rise per recipient and UID.
 * It also checks that the committed corpus (tests/fixtures/calendar) is up to date.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ICAL from "ical.js";
import { simpleParser } from "mailparser";
import nodeIcal from "node-ical";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decodeParamText, displayedParam, parseMailbox } from "../../emails/ics";
import { type CorpusFile, FROM, buildCorpus } from "./corpus";
import { FIXTURE_DIR, writeCorpus } from "./write-fixtures";

type ParsedEvent = {
  method: string | null;
  uid: string;
  sequence: number;
  dtstamp: string;
  start: string;
  end: string;
  summary: string;
  status: string | null;
  transp: string | null;
  /** As the parser gives it; `decoded` says whether it already applied RFC 6868. */
  attendees: { cn: string | null }[];
  organizerCn: string | null;
};
type Parser = { name: string; decodesRfc6868: boolean; parse: (file: CorpusFile, calendars: string[]) => ParsedEvent[] | { error: string } };

const PYTHON = process.env.PYTHON_ICAL ?? "/usr/bin/python3";
let dir: string;
let corpus: CorpusFile[];
const calendarsOf = new Map<string, string[]>();
let python: Record<string, { parts: number; icalendar: unknown; vobject: unknown }> = {};

beforeAll(async () => {
  corpus = await buildCorpus();
  dir = mkdtempSync(join(tmpdir(), "ep-ical-"));
  await writeCorpus(dir);
  for (const f of corpus) {
    if (f.file.endsWith(".ics")) {
      calendarsOf.set(f.file, [f.content]);
      continue;
    }
    const mail = await simpleParser(f.content);
    // The iMIP part (text/calendar; method=…) is what calendar clients act on.
    calendarsOf.set(
      f.file,
      mail.attachments.filter((a) => a.contentType === "text/calendar").map((a) => a.content.toString("utf8")),
    );
  }
  const run = spawnSync(PYTHON, [join("tests", "interop", "parse_ics.py"), ...corpus.map((f) => join(dir, f.file))], { encoding: "utf8" });
  if (run.status !== 0) throw new Error(`parse_ics.py failed (python3-icalendar and python3-vobject installed?): ${run.stderr}`);
  python = JSON.parse(run.stdout);
});
afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const iso = (d: Date) => d.toISOString();

const icalJs: Parser = {
  name: "ical.js",
  decodesRfc6868: true,
  parse: (_file, calendars) =>
    calendars.flatMap((text) => {
      const cal = new ICAL.Component(ICAL.parse(text));
      const vtz = cal.getFirstSubcomponent("vtimezone");
      if (vtz) ICAL.TimezoneService.register(new ICAL.Timezone(vtz), "Europe/Brussels");
      return cal.getAllSubcomponents("vevent").map((v) => {
        const e = new ICAL.Event(v);
        const text = (name: string) => (v.getFirstPropertyValue(name) == null ? null : String(v.getFirstPropertyValue(name)));
        return {
          method: cal.getFirstPropertyValue("method") == null ? null : String(cal.getFirstPropertyValue("method")),
          uid: e.uid,
          sequence: e.sequence,
          dtstamp: iso((v.getFirstPropertyValue("dtstamp") as ICAL.Time).toJSDate()),
          start: iso(e.startDate.toJSDate()),
          end: iso(e.endDate.toJSDate()),
          summary: e.summary,
          status: text("status"),
          transp: text("transp"),
          attendees: v.getAllProperties("attendee").map((p) => ({ cn: (p.getParameter("cn") as string | undefined) ?? null })),
          organizerCn: (v.getFirstProperty("organizer")?.getParameter("cn") as string | undefined) ?? null,
        };
      });
    }),
};

type NodeIcalParam = { params?: Record<string, unknown>; val?: string } | string | undefined;
const cnOf = (p: NodeIcalParam) => (typeof p === "object" && p?.params?.CN != null ? String(p.params.CN) : null);

const nodeIcalParser: Parser = {
  name: "node-ical",
  decodesRfc6868: false,
  parse: (_file, calendars) =>
    calendars.flatMap((text) => {
      const parsed = nodeIcal.sync.parseICS(text) as Record<string, Record<string, unknown>>;
      const method = (parsed.vcalendar as { method?: string } | undefined)?.method ?? null;
      return Object.values(parsed)
        .filter((x) => x.type === "VEVENT")
        .map((e) => {
          const attendees = ([] as NodeIcalParam[]).concat((e.attendee as NodeIcalParam) ?? []);
          return {
            method,
            uid: String(e.uid),
            sequence: Number(e.sequence),
            dtstamp: iso(e.dtstamp as Date),
            start: iso(e.start as Date),
            end: iso(e.end as Date),
            summary: String(e.summary),
            status: e.status == null ? null : String(e.status),
            transp: e.transparency == null ? null : String(e.transparency),
            attendees: attendees.map((a) => ({ cn: cnOf(a) })),
            organizerCn: cnOf(e.organizer as NodeIcalParam),
          };
        });
    }),
};

const fromPython = (which: "icalendar" | "vobject"): Parser => ({
  name: `python3-${which}`,
  decodesRfc6868: false,
  parse: (file) => {
    const got = python[file.file]?.[which] as
      | { error: string }
      | { method: string | null; uid: string; sequence: number; dtstamp: string; start: string; end: string; summary: string; status: string | null; transp: string | null; attendees: { cn: string | null }[]; organizer_cn: string | null }[];
    if (!Array.isArray(got)) return got ?? { error: "no result" };
    return got.map((e) => ({ ...e, organizerCn: e.organizer_cn }));
  },
});

const parsers: Parser[] = [icalJs, nodeIcalParser, fromPython("icalendar"), fromPython("vobject")];

/** A TEXT value as it must come back: a line break is one LF (a name or title's CR/LF is not a property break). */
const textValue = (s: string) => s.replace(/\r\n|\r/g, "\n");

describe("the calendar corpus", () => {
  it("is committed and up to date (npm run fixtures:calendar)", () => {
    expect(existsSync(FIXTURE_DIR)).toBe(true);
    const committed = readdirSync(FIXTURE_DIR).filter((f) => /\.(eml|ics)$/.test(f)).sort();
    expect(committed).toEqual(corpus.map((f) => f.file).sort());
    for (const f of corpus) expect(readFileSync(join(FIXTURE_DIR, f.file), "utf8"), f.file).toBe(f.content);
  });

  it("covers every message kind and the published calendars", () => {
    const kinds = corpus.map((f) => f.file.replace(/^\d+-|\.(eml|ics)$/g, ""));
    for (const k of ["invite", "update-title", "reschedule", "seat-cancel", "session-cancel", "substitution-old", "substitution-new", "reminder", "trajectory", "series-occurrence-change", "public", "feed"]) {
      expect(kinds).toContain(k);
    }
  });

  it("has exactly one calendar part per mail that carries one, and at most one .ics attachment", () => {
    for (const f of corpus.filter((c) => c.file.endsWith(".eml"))) {
      const parts = f.content.match(/^Content-Type: text\/calendar; charset=utf-8; method=(REQUEST|CANCEL)/gim) ?? [];
      const attachments = f.content.match(/^Content-Type: application\/ics/gim) ?? [];
      expect(parts.length, f.file).toBe(f.expected.method ? 1 : 0);
      expect(attachments.length, f.file).toBe(f.expected.method ? 1 : 0);
      expect(python[f.file]!.parts, f.file).toBe(f.expected.method ? 1 : 0);
      // No header injection through a name with CR/LF, and no line of its own in the body either.
      const headers = f.content.slice(0, f.content.indexOf("\r\n\r\n"));
      expect(headers).not.toMatch(/^(BCC|X-Evil)/im);
      expect(f.content).not.toMatch(/^BCC: injected/im);
    }
  });

  for (const parser of parsers) {
    describe(parser.name, () => {
      it("parses every file, round-trips names and titles, and gives the intended Brussels instants", () => {
        const organizer = displayedParam(parseMailbox(FROM).name!);
        for (const f of corpus) {
          const events = parser.parse(f, calendarsOf.get(f.file)!);
          expect(Array.isArray(events) ? null : events, `${parser.name} rejected ${f.file}`).toBeNull();
          const list = events as ParsedEvent[];
          expect(list.length, f.file).toBe(f.expected.events.length);
          const decode = (v: string | null) => (v === null ? null : parser.decodesRfc6868 ? v : decodeParamText(v));
          for (const [i, want] of f.expected.events.entries()) {
            const got = list[i]!;
            expect(got.method, f.file).toBe(f.expected.method);
            expect(got.uid, f.file).toBe(want.uid);
            expect(got.sequence, f.file).toBe(want.sequence);
            expect(got.summary, f.file).toBe(textValue(want.summary));
            expect(got.start, f.file).toBe(want.start);
            expect(got.end, f.file).toBe(want.end);
            expect(got.status, f.file).toBe(want.status);
            if (want.transparent) expect(got.transp, f.file).toBe("TRANSPARENT");
            expect(decode(got.organizerCn), f.file).toBe(organizer);
            if (f.expected.method === "PUBLISH") {
              expect(got.attendees, f.file).toEqual([]);
            } else {
              // The recipient, and only the recipient, with the name they were booked under.
              expect(got.attendees.map((a) => decode(a.cn)), f.file).toEqual([displayedParam(f.expected.attendee!.name || f.expected.attendee!.email)]);
            }
          }
        }
      });

      it("sees SEQUENCE and DTSTAMP rise for every message to one recipient about one UID", () => {
        const threads = new Map<string, ParsedEvent[]>();
        for (const f of corpus.filter((c) => c.expected.thread && c.expected.method)) {
          const events = parser.parse(f, calendarsOf.get(f.file)!) as ParsedEvent[];
          threads.set(f.expected.thread!, [...(threads.get(f.expected.thread!) ?? []), ...events]);
        }
        const long = [...threads.values()].filter((t) => t.length >= 5);
        expect(long.length).toBeGreaterThan(0);
        for (const events of threads.values()) {
          for (let i = 1; i < events.length; i++) {
            expect(events[i]!.sequence).toBeGreaterThan(events[i - 1]!.sequence);
            expect(Date.parse(events[i]!.dtstamp)).toBeGreaterThan(Date.parse(events[i - 1]!.dtstamp));
          }
        }
      });
    });
  }

  it("gives the meeting link only to confirmed attendees' invitations: LOCATION/URL/CONFERENCE, never in PUBLISH or CANCEL", () => {
    const unfold = (s: string) => s.replace(/\r\n[ \t]/g, "");
    for (const f of corpus) {
      const text = unfold(calendarsOf.get(f.file)!.join("\n"));
      if (f.expected.method === "REQUEST") {
        expect(text, f.file).toMatch(/^CONFERENCE;VALUE=URI;FEATURE=VIDEO;LABEL=[^:]*:https:\/\/meet\.expertenpool\.test\/j\/123/m);
        expect(text, f.file).toMatch(/^URL;VALUE=URI:https:\/\/meet\.expertenpool\.test\/j\/123/m);
        expect(f.content, f.file).toContain("https://meet.expertenpool.test/j/123");
      } else {
        expect(text, f.file).not.toContain("meet.expertenpool.test");
      }
    }
  });
});
