#!/usr/bin/python3
"""Parse calendar files with Debian's python3-icalendar and python3-vobject (#11 interop suite).

Usage: parse_ics.py FILE...   (.eml: its text/calendar parts; .ics: the file)
Prints one JSON object: {file: {"parts": n, "icalendar": [...events], "vobject": [...events]}},
or {"error": "..."} per parser when it rejects the calendar. Parameter values are printed
as the parser gives them (neither implements RFC 6868; the test decodes).
"""
import email
import email.policy
import json
import sys
from datetime import datetime, timezone

import icalendar
import vobject


def utc(value):
    if isinstance(value, datetime):
        if value.tzinfo is None:
            return "floating:" + value.isoformat()
        return value.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.000Z")
    return str(value)


def calendars_of(path):
    with open(path, "rb") as f:
        data = f.read()
    if not path.endswith(".eml"):
        return [data.decode("utf-8")]
    msg = email.message_from_bytes(data, policy=email.policy.default)
    parts = []
    for part in msg.walk():
        if part.get_content_type() == "text/calendar":
            parts.append(part.get_content())
    return parts


def with_icalendar(text):
    cal = icalendar.Calendar.from_ical(text)
    out = []
    for ev in cal.walk("VEVENT"):
        attendees = ev.get("ATTENDEE")
        if attendees is not None and not isinstance(attendees, list):
            attendees = [attendees]
        out.append({
            "method": str(cal.get("METHOD")),
            "uid": str(ev.get("UID")),
            "sequence": int(ev.get("SEQUENCE")),
            "dtstamp": utc(ev.decoded("DTSTAMP")),
            "start": utc(ev.decoded("DTSTART")),
            "end": utc(ev.decoded("DTEND")),
            "summary": str(ev.get("SUMMARY")),
            "status": str(ev.get("STATUS")),
            "transp": str(ev.get("TRANSP")) if ev.get("TRANSP") is not None else None,
            "attendees": [{"cn": str(a.params.get("CN")), "value": str(a)} for a in (attendees or [])],
            "organizer_cn": str(ev.get("ORGANIZER").params.get("CN")) if ev.get("ORGANIZER") is not None else None,
        })
    return out


def with_vobject(text):
    cal = vobject.readOne(text)
    out = []
    for ev in cal.vevent_list:
        attendees = ev.contents.get("attendee", [])
        out.append({
            "method": cal.method.value if hasattr(cal, "method") else None,
            "uid": ev.uid.value,
            "sequence": int(ev.sequence.value),
            "dtstamp": utc(ev.dtstamp.value),
            "start": utc(ev.dtstart.value),
            "end": utc(ev.dtend.value),
            "summary": ev.summary.value,
            "status": ev.status.value if hasattr(ev, "status") else None,
            "transp": ev.transp.value if hasattr(ev, "transp") else None,
            "attendees": [{"cn": a.params.get("CN", [None])[0], "value": a.value} for a in attendees],
            "organizer_cn": ev.organizer.params.get("CN", [None])[0] if hasattr(ev, "organizer") else None,
        })
    return out


def main():
    result = {}
    for path in sys.argv[1:]:
        parts = calendars_of(path)
        entry = {"parts": len(parts)}
        for name, parse in (("icalendar", with_icalendar), ("vobject", with_vobject)):
            try:
                entry[name] = [ev for text in parts for ev in parse(text)]
            except Exception as e:  # a parser that rejects the calendar is a finding, not a crash
                entry[name] = {"error": f"{type(e).__name__}: {e}"}
        result[path.rsplit("/", 1)[-1]] = entry
    json.dump(result, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main()
