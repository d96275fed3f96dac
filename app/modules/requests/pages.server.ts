/** What the request pages load and do: one call per loader/action (routes stay thin). */
import { DateTime } from "luxon";
import { municipalityActor, operatorActor, providerActor } from "~/modules/accounts/actors";
import { isUuid } from "~/utils/uuid";
import { DomainError } from "../../utils/errors";
import { type FieldIssue, parseForm } from "../../utils/form-parse";
import { LIMIT_MESSAGES, limitRefusal } from "../../utils/retry-after.server";
import type { CurrentUser } from "../accounts/current-user";
import { getProviderBySlug, listOfferings, listProviders } from "../catalog/catalog.server";
import { toZonedIso, ZONE } from "../time/brussels";
import { requestViewerOf } from "./access.server";
import {
  type FormError,
  type FormErrors,
  formErrorOf,
  formErrorsOf,
  padSlotRows,
  type RequestFormValues,
  readRequestForm,
  readSlotRows,
  type SlotRow,
  slotsFromRows,
  str,
} from "./form";
import { getRequest, listRequests, mondayOf, providerOfferings, providerWeek } from "./queries.server";
import { acceptSlots, addMessage, createRequest, declineRequest, proposeSlots, withdrawRequest } from "./requests.server";
import {
  createRequestSchema,
  declineSchema,
  forwardSchema,
  MAX_SLOTS,
  messageSchema,
  OPEN_STATUSES,
  REQUEST_KINDS,
  type RequestKindValue,
} from "./schemas";
import { serializeRequest, serializeRequestSummary } from "./serialize";
import { forwardRequest, isOperatorOrganisation } from "./triage.server";

type FieldSource = { get(name: string): FormDataEntryValue | null; getAll(name: string): FormDataEntryValue[] };

/** The schema's issues (parseForm) as the fields formErrorsOf places; their reasons are data, the schema's English is not read. */
function issueFields(issues: FieldIssue[]): Record<string, string> {
  return Object.fromEntries(issues.map((i) => [i.path || "_", i.reason]));
}

// ---------------------------------------------------------------- lists

export async function requestsList(args: { user: CurrentUser; now: Date }) {
  const list = await listRequests({ viewer: requestViewerOf(args.user), now: args.now });
  return list.map((r) => serializeRequestSummary(r, args.now));
}

// ---------------------------------------------------------------- new request

/** A provider for the "who do I ask?" list: a line of what it does, and its phone for urgent help. */
export type ProviderChoice = { id: string; slug: string; name: string; offers: string[]; phone: string | null };

/**
 * The new-request page: no provider → choose one (or the pool's triage route); `provider`
 * → the form for it, prefilled from `offering` and `kind` (the "Aanvragen" action);
 * `triage=1` → the form addressed to the operator.
 */
export async function newRequestPage(args: { search: URLSearchParams }) {
  const q = args.search;
  const kindParam = q.get("kind");
  const kind = (REQUEST_KINDS as readonly string[]).includes(kindParam ?? "") ? (kindParam as RequestKindValue) : "";
  if (q.get("triage") === "1") {
    // Urgent help can't wait for the pool's triage: the form names whom to call now.
    const urgentPhones = (await listProviders()).flatMap((p) => (p.contact.phone ? [{ name: p.name, phone: p.contact.phone }] : []));
    return { kind: "form" as const, triage: true, provider: null, offerings: [], phone: null, urgentPhones, prefill: { kind, offeringId: "" } };
  }
  const providerSlug = q.get("provider");
  if (!providerSlug) {
    const [providers, all] = await Promise.all([listProviders(), listOfferings({})]);
    const choices: ProviderChoice[] = providers.map((p) => ({
      id: p.id,
      slug: p.slug,
      name: p.name,
      offers: all.filter((o) => o.providerId === p.id).map((o) => o.title),
      phone: p.contact.phone ?? null,
    }));
    return { kind: "choose" as const, providers: choices };
  }
  const provider = await getProviderBySlug(providerSlug);
  if (!provider) return null;
  const offerings = await providerOfferings(provider.id);
  const offeringParam = q.get("offering")?.toLowerCase() ?? "";
  const offeringId = offerings.some((o) => o.id === offeringParam) ? offeringParam : "";
  return {
    kind: "form" as const,
    triage: false,
    provider: { id: provider.id, slug: provider.slug, name: provider.name },
    offerings,
    phone: provider.contact.phone ?? null,
    urgentPhones: [],
    prefill: { kind, offeringId },
  };
}

export type NewRequestResult =
  | { ok: true; requestId: string }
  | { ok: false; values: RequestFormValues; errors: FormErrors; formError?: FormError; status: number; retryAfterSeconds?: number };

export async function submitNewRequest(args: {
  user: CurrentUser;
  /** Undefined: the operator's triage route. */
  providerId: string | undefined;
  form: FieldSource;
  now: Date;
}): Promise<NewRequestResult> {
  const { values, input, dateIndex } = readRequestForm(args.form, args.providerId);
  const parsed = parseForm(createRequestSchema, input);
  if (!parsed.ok) {
    return { ok: false, values, errors: formErrorsOf(issueFields(parsed.issues), { dateIndex }), status: 422 };
  }
  try {
    const { requestId } = await createRequest({
      actor: municipalityActor(args.user),
      input: parsed.data,
      now: args.now,
    });
    return { ok: true, requestId };
  } catch (e) {
    if (!(e instanceof DomainError)) throw e;
    const errors = formErrorsOf(e.fields, { dateIndex }, e.reasons);
    if (e.code === "RATE_LIMITED") return { ok: false, values, errors, ...limitRefusal(e, LIMIT_MESSAGES.requestMail, args.now) };
    return { ok: false, values, errors, formError: formErrorOf(e.code), status: e.code === "VALIDATION_FAILED" ? 422 : 409 };
  }
}

// ---------------------------------------------------------------- one request

/** Rows the proposal form starts with: a trajectory is an intake and several sessions. */
export function defaultSlotRows(kind: string): number {
  return kind === "trajectory" ? 7 : 3;
}

export type HistoryEntry = { at: string; key: "submitted" | "proposed" | "accepted" | "declined" | "withdrawn"; count?: number };

export async function requestPage(args: { user: CurrentUser; requestId: string; week: string | null; now: Date }) {
  const { user, now } = args;
  const view = await getRequest({ viewer: requestViewerOf(user), requestId: args.requestId, now });
  if (!view) return null;
  const open = OPEN_STATUSES.includes(view.status);
  const party = user.role === "coordinator" || user.role === "provider";
  const can = {
    accept: user.role === "coordinator" && view.status === "proposed",
    withdraw: user.role === "coordinator" && open,
    propose: user.role === "provider" && open,
    decline: user.role === "provider" && open,
    message: party && !view.closedAt && view.status !== "declined" && view.status !== "withdrawn",
    // A request sent to the pool ("Weet u niet wie?") waits for the operator to pass it on.
    forward: user.role === "admin" && view.status === "submitted" && (await isOperatorOrganisation(view.provider.id)),
  };
  const forwardTo = can.forward ? (await listProviders()).map(({ id, name }) => ({ id, name })) : [];

  const history: HistoryEntry[] = [{ at: toZonedIso(view.createdAt), key: "submitted" }];
  for (const p of view.proposals) history.push({ at: toZonedIso(p.createdAt), key: "proposed", count: p.slots.length });
  if (view.status === "accepted") {
    const acceptedAt = view.sessions.reduce<Date | null>((min, s) => (!min || s.createdAt < min ? s.createdAt : min), null) ?? view.updatedAt;
    history.push({ at: toZonedIso(acceptedAt), key: "accepted", count: view.sessions.length });
  }
  if ((view.status === "declined" || view.status === "withdrawn") && view.closedAt) {
    history.push({ at: toZonedIso(view.closedAt), key: view.status });
  }

  let week: (Awaited<ReturnType<typeof providerWeek>> & { prev: string; next: string }) | null = null;
  let offerings: { id: string; title: string }[] = [];
  if (can.propose) {
    const today = DateTime.fromJSDate(now, { zone: ZONE }).toFormat("yyyy-LL-dd");
    const anchor = args.week && /^\d{4}-\d{2}-\d{2}$/.test(args.week) ? args.week : (view.preferredDates.find((d) => d >= today) ?? today);
    const w = await providerWeek({ providerId: view.provider.id, monday: mondayOf(anchor) });
    const monday = DateTime.fromISO(w.monday, { zone: ZONE });
    week = { ...w, prev: monday.minus({ weeks: 1 }).toFormat("yyyy-LL-dd"), next: monday.plus({ weeks: 1 }).toFormat("yyyy-LL-dd") };
    if (!view.offering) offerings = (await providerOfferings(view.provider.id)).map(({ id, title }) => ({ id, title }));
  }

  return {
    request: serializeRequest(view, now),
    offeringTitle: view.offering?.title ?? null,
    sessions: view.sessions.map((s) => ({ id: s.id, title: s.title, startsAt: toZonedIso(s.startsAt), endsAt: toZonedIso(s.endsAt), status: s.status })),
    history,
    can,
    role: user.role,
    week: week
      ? {
          monday: week.monday,
          prev: week.prev,
          next: week.next,
          days: week.days.map((d) => ({
            date: d.date,
            ranges: d.ranges,
            sessions: d.sessions.map((s) => ({ ...s, startsAt: toZonedIso(s.startsAt), endsAt: toZonedIso(s.endsAt) })),
          })),
        }
      : null,
    offerings,
    forwardTo,
    defaultRows: defaultSlotRows(view.kind),
  };
}

export type RequestActionResult =
  | { ok: true; notice: "message" | "proposed" | "declined" | "accepted" | "withdrawn" | "forwarded" }
  | {
      ok: false;
      intent: string;
      status: number;
      errors: FormErrors;
      formError?: FormError;
      /** The proposal form as posted (re-rendered with its rows). */
      rows?: SlotRow[];
      values?: Record<string, string>;
      slotIds?: string[];
      /** A mail limit: when to try again (the page sends it as Retry-After). */
      retryAfterSeconds?: number;
    };

function failure(intent: string, e: unknown, now: Date, extra: { rowIndex?: number[] } & Partial<Extract<RequestActionResult, { ok: false }>> = {}) {
  if (!(e instanceof DomainError)) throw e;
  const { rowIndex, ...rest } = extra;
  const errors = formErrorsOf(e.fields, { rowIndex }, e.reasons);
  if (e.code === "RATE_LIMITED") return { ok: false as const, intent, errors, ...limitRefusal(e, LIMIT_MESSAGES.requestMail, now), ...rest };
  return {
    ok: false as const,
    intent,
    status: e.code === "VALIDATION_FAILED" ? 422 : e.code === "NOT_FOUND" ? 404 : e.code === "FORBIDDEN" ? 403 : 409,
    errors,
    formError: formErrorOf(e.code),
    ...rest,
  };
}

/** The request page's forms: message, propose (and add a row), decline, accept, withdraw. */
export async function requestAction(args: { user: CurrentUser; requestId: string; form: FieldSource; now: Date }): Promise<RequestActionResult> {
  const { user, requestId, form, now } = args;
  const intent = str(form, "intent");
  const asMunicipality = municipalityActor(user);
  const asProvider = providerActor(user);
  const forbidden = { ok: false as const, intent, status: 403, errors: {}, formError: formErrorOf("FORBIDDEN") };

  switch (intent) {
    case "message": {
      const body = str(form, "body");
      if (user.role === "admin") return forbidden;
      const parsed = messageSchema.safeParse({ body });
      if (!parsed.success) return { ok: false, intent, status: 422, errors: { body: { key: "requests.error.body" } }, values: { body } };
      try {
        await addMessage({ viewer: requestViewerOf(user), requestId, body: parsed.data.body, now });
        return { ok: true, notice: "message" };
      } catch (e) {
        return failure(intent, e, now, { values: { body } });
      }
    }
    case "addRow":
    case "propose": {
      if (user.role !== "provider") return forbidden;
      const rows = readSlotRows(form);
      const message = str(form, "proposalMessage");
      const offeringId = str(form, "offeringId");
      const values = { proposalMessage: message, offeringId };
      if (intent === "addRow") {
        return { ok: false, intent, status: 200, errors: {}, rows: padSlotRows(rows, Math.min(MAX_SLOTS, rows.length + 1)), values };
      }
      const { slots, rowIndex, errors } = slotsFromRows(rows, now);
      if (Object.keys(errors).length > 0) return { ok: false, intent, status: 422, errors, formError: { key: "requests.error.summary" }, rows, values };
      try {
        await proposeSlots({
          actor: asProvider,
          requestId,
          input: { slots, message: message.trim() || null, ...(offeringId ? { offeringId } : {}) },
          now,
        });
        return { ok: true, notice: "proposed" };
      } catch (e) {
        return failure(intent, e, now, { rowIndex, rows, values });
      }
    }
    case "decline": {
      if (user.role !== "provider") return forbidden;
      const reason = str(form, "reason");
      const parsed = declineSchema.safeParse({ reason });
      if (!parsed.success) return { ok: false, intent, status: 422, errors: { reason: { key: "requests.error.reason" } }, values: { reason } };
      try {
        await declineRequest({ actor: asProvider, requestId, reason: parsed.data.reason, now });
        return { ok: true, notice: "declined" };
      } catch (e) {
        return failure(intent, e, now, { values: { reason } });
      }
    }
    case "accept": {
      if (user.role !== "coordinator") return forbidden;
      const slotIds = form.getAll("slotIds").filter((v): v is string => typeof v === "string" && isUuid(v));
      if (slotIds.length === 0) return { ok: false, intent, status: 422, errors: { slotIds: { key: "requests.error.slotIds" } }, slotIds };
      try {
        await acceptSlots({ actor: asMunicipality, requestId, slotIds: [...new Set(slotIds)], now });
        return { ok: true, notice: "accepted" };
      } catch (e) {
        return failure(intent, e, now, { slotIds });
      }
    }
    case "withdraw": {
      if (user.role !== "coordinator") return forbidden;
      try {
        await withdrawRequest({ actor: asMunicipality, requestId, now });
        return { ok: true, notice: "withdrawn" };
      } catch (e) {
        return failure(intent, e, now);
      }
    }
    case "forward": {
      if (user.role !== "admin") return forbidden;
      const parsed = forwardSchema.safeParse({ providerId: str(form, "providerId") });
      if (!parsed.success) return { ok: false, intent, status: 422, errors: { providerId: { key: "requests.error.provider" } } };
      try {
        await forwardRequest({ actor: operatorActor(user), requestId, providerId: parsed.data.providerId, now });
        return { ok: true, notice: "forwarded" };
      } catch (e) {
        return failure(intent, e, now);
      }
    }
    default:
      return { ok: false, intent, status: 400, errors: {}, formError: { key: "requests.error.generic" } };
  }
}
