/** Requests as the API and the pages show them (CONTRACT.md "Requests"). Pure; times in Brussels. */
import { toZonedIso, ZONE } from "../time/brussels";
import { isOverdue } from "./clock";
import type { RequestDeliveryMode, RequestKindValue, RequestStatusValue } from "./schemas";

export type OrgRef = { id: string; slug: string; name: string };

/** One request as requests.server.ts reads it for one of its two parties or an operator. */
export type RequestView = {
  id: string;
  kind: RequestKindValue;
  status: RequestStatusValue;
  provider: OrgRef;
  municipality: OrgRef;
  offering: { id: string; title: string } | null;
  subject: string;
  message: string;
  participants: number;
  deliveryMode: RequestDeliveryMode;
  location: string | null;
  preferredDates: string[];
  createdAt: Date;
  updatedAt: Date;
  responseDueAt: Date;
  firstResponseAt: Date | null;
  declineReason: string | null;
  closedAt: Date | null;
  proposals: {
    id: string;
    message: string | null;
    createdAt: Date;
    slots: { id: string; startsAt: Date; endsAt: Date; sessionId: string | null }[];
  }[];
  messages: {
    id: string;
    author: { name: string | null; organisation: OrgRef };
    body: string;
    createdAt: Date;
  }[];
  /** The private sessions created from this request, by start (intake first). */
  sessions: { id: string; title: string; startsAt: Date; endsAt: Date; status: "draft" | "published" | "cancelled"; createdAt: Date }[];
};

/** A row of a list: no case details beyond the subject (and, for operators, not even that). */
export type RequestSummary = {
  id: string;
  kind: RequestKindValue;
  status: RequestStatusValue;
  provider: OrgRef;
  municipality: OrgRef;
  /** null for operators: they open a request (which is logged) to read it. */
  subject: string | null;
  participants: number;
  deliveryMode: RequestDeliveryMode;
  preferredDates: string[];
  createdAt: Date;
  updatedAt: Date;
  responseDueAt: Date;
  firstResponseAt: Date | null;
  closedAt: Date | null;
  proposalCount: number;
  sessionCount: number;
};

const iso = (d: Date) => toZonedIso(d);
const isoOrNull = (d: Date | null) => (d ? toZonedIso(d) : null);

type RequestHead = Pick<RequestSummary, "id" | "kind" | "status" | "provider" | "municipality">;
type RequestClock = Pick<RequestSummary, "status" | "responseDueAt" | "firstResponseAt" | "updatedAt">;

/** What a request is and between whom: the first fields of a request and of a list row. */
const head = (r: RequestHead) => ({ id: r.id, kind: r.kind, status: r.status, provider: { ...r.provider }, municipality: { ...r.municipality } });

/** The response clock (CONTRACT.md "Requests"), in a request and in a list row. */
const clock = (r: RequestClock, now: Date) => ({
  timeZone: ZONE,
  responseDueAt: iso(r.responseDueAt),
  overdue: isOverdue(r, now),
  firstResponseAt: isoOrNull(r.firstResponseAt),
  updatedAt: iso(r.updatedAt),
});

export function serializeRequest(v: RequestView, now: Date) {
  return {
    ...head(v),
    offeringId: v.offering?.id ?? null,
    subject: v.subject,
    participants: v.participants,
    createdAt: iso(v.createdAt),
    deliveryMode: v.deliveryMode,
    location: v.location,
    preferredDates: [...v.preferredDates],
    message: v.message,
    ...clock(v, now),
    declineReason: v.declineReason,
    closedAt: isoOrNull(v.closedAt),
    proposals: v.proposals.map((p) => ({
      id: p.id,
      message: p.message,
      createdAt: iso(p.createdAt),
      slots: p.slots.map((s) => ({ id: s.id, startsAt: iso(s.startsAt), endsAt: iso(s.endsAt), sessionId: s.sessionId })),
    })),
    messages: v.messages.map((m) => serializeMessage(m)),
  };
}
export type RequestJson = ReturnType<typeof serializeRequest>;

export function serializeRequestSummary(s: RequestSummary, now: Date) {
  return {
    ...head(s),
    subject: s.subject,
    participants: s.participants,
    createdAt: iso(s.createdAt),
    deliveryMode: s.deliveryMode,
    preferredDates: [...s.preferredDates],
    ...clock(s, now),
    closedAt: isoOrNull(s.closedAt),
    proposalCount: s.proposalCount,
    sessionCount: s.sessionCount,
  };
}
export type RequestSummaryJson = ReturnType<typeof serializeRequestSummary>;

/** The proposal as POST /requests/:id/proposals answers it. */
export function serializeProposal(p: { id: string; slots: { id: string; startsAt: Date; endsAt: Date }[] }) {
  return { id: p.id, slots: p.slots.map((s) => ({ id: s.id, startsAt: iso(s.startsAt), endsAt: iso(s.endsAt) })) };
}

export function serializeMessage(m: RequestView["messages"][number]) {
  return { id: m.id, author: { name: m.author.name, organisation: { ...m.author.organisation } }, body: m.body, createdAt: iso(m.createdAt) };
}
