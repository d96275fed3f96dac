/**
 * Every HTTP endpoint that takes input: the JSON API (app/routes/api.v1.*) and every page
 * action (form POSTs of app/routes/*.tsx), plus the page loaders with path parameters.
 * tests/integration/fuzz.test.ts sends malformed requests to each of them, as every role.
 *
 * A new endpoint is covered by adding ONE entry here:
 * - `path` with `:param`s from the fuzz world (sessionId, bookingId, attendeeId, requestId,
 *   offeringId, organisationId, userId, token, secret, mailId, slug, importId);
 * - `fields`: the names the handler reads (JSON keys, or form field names), so the
 *   generator can send near misses;
 * - `intents`: the form's intent values (page actions);
 * - `poisons`: how a request is made certainly invalid when it would otherwise change
 *   state (see Poison). GET endpoints and endpoints that change nothing need none.
 */

export type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/**
 * How the generator makes a request invalid:
 * - "path": a path parameter is replaced by junk (must answer 4xx/redirect, change nothing);
 * - "intent": the form's intent is junk;
 * - "fields": every field in `fields` gets a value with a control character or the wrong type;
 * - "body": the body is not a JSON object of the right shape (garbage, array, number, null);
 * - "query": a query parameter in `query` gets junk.
 */
export type Poison = "path" | "intent" | "fields" | "body" | "query";

export type Endpoint = {
  kind: "api" | "page";
  method: Method;
  path: string;
  fields?: string[];
  intents?: string[];
  query?: string[];
  /** Ways to make a request invalid; absent: the endpoint changes nothing, send anything. */
  poisons?: Poison[];
  /** Roles that may send it (default all, anonymous included). */
  roles?: Role[];
};

export type Role = "anonymous" | "coordinator" | "provider" | "admin";

const sessionFields = [
  "offeringId",
  "title",
  "startsAt",
  "endsAt",
  "durationMinutes",
  "timeZone",
  "capacity",
  "maxSeatsPerMunicipality",
  "location",
  "onlineUrl",
  "bookingDeadline",
  "trainerIds",
  "visibility",
  "municipalityId",
  "status",
  "recurrence",
  "scope",
];
const sessionFormFields = [
  "offeringId",
  "date",
  "startTime",
  "endTime",
  "capacity",
  "maxSeatsPerMunicipality",
  "deadlineDate",
  "deadlineTime",
  "locationName",
  "locationAddress",
  "onlineUrl",
  "trainerIds",
  "status",
  "repeat",
  "interval",
  "count",
  "until",
];
const offeringFormFields = ["title", "description", "format", "deliveryMode", "durationMinutes", "bookingMode", "defaultCapacity", "hoursNote", "programme", "audience", "sessionCount", "intake", "spanMonths"];
const requestFields = ["providerId", "offeringId", "kind", "subject", "message", "participants", "deliveryMode", "location", "preferredDates"];

/** A page loader: GET, reading its path parameters and the query parameters named in `query`. */
const loader = (path: string, query?: string[]): Endpoint => ({ kind: "page", method: "GET", path, ...(query ? { query } : {}) });

export const endpoints: Endpoint[] = [
  // ------------------------------------------------------------------ JSON API
  { kind: "api", method: "GET", path: "/api/v1/providers" },
  { kind: "api", method: "GET", path: "/api/v1/offerings", query: ["provider", "format"] },
  { kind: "api", method: "GET", path: "/api/v1/sessions", query: ["from", "to", "format", "provider", "limit", "cursor", "q"] },
  { kind: "api", method: "GET", path: "/api/v1/sessions/:sessionId" },
  { kind: "api", method: "GET", path: "/api/v1/sessions/:sessionId/calendar.ics" },
  { kind: "api", method: "GET", path: "/api/v1/sessions/:sessionId/attendees" },
  { kind: "api", method: "GET", path: "/api/v1/me" },
  { kind: "api", method: "GET", path: "/api/v1/bookings", query: ["when"] },
  { kind: "api", method: "GET", path: "/api/v1/bookings/:bookingId" },
  { kind: "api", method: "GET", path: "/api/v1/requests", query: ["status"] },
  { kind: "api", method: "GET", path: "/api/v1/requests/:requestId" },
  { kind: "api", method: "GET", path: "/api/v1/availability", query: ["trainerId"] },
  { kind: "api", method: "GET", path: "/api/v1/openapi.json" },
  { kind: "api", method: "POST", path: "/api/v1/auth/token", fields: ["email", "password", "expiresInDays"], poisons: ["fields", "body"] },
  { kind: "api", method: "DELETE", path: "/api/v1/auth/token", roles: ["anonymous"] },
  { kind: "api", method: "POST", path: "/api/v1/sessions", fields: sessionFields, poisons: ["fields", "body"] },
  { kind: "api", method: "PATCH", path: "/api/v1/sessions/:sessionId", fields: sessionFields, poisons: ["path", "fields", "body"] },
  { kind: "api", method: "POST", path: "/api/v1/sessions/:sessionId/cancel", fields: ["reason", "scope"], poisons: ["path", "fields", "body"] },
  { kind: "api", method: "POST", path: "/api/v1/sessions/:sessionId/bookings", fields: ["attendees"], poisons: ["path", "fields", "body"] },
  { kind: "api", method: "DELETE", path: "/api/v1/bookings/:bookingId", poisons: ["path"] },
  { kind: "api", method: "DELETE", path: "/api/v1/bookings/:bookingId/attendees/:attendeeId", poisons: ["path"] },
  { kind: "api", method: "PUT", path: "/api/v1/bookings/:bookingId/attendees/:attendeeId", fields: ["name", "email"], poisons: ["path", "fields", "body"] },
  { kind: "api", method: "PUT", path: "/api/v1/availability", fields: ["timeZone", "trainerId", "weekly", "exceptions"], poisons: ["fields", "body"] },
  { kind: "api", method: "POST", path: "/api/v1/requests", fields: requestFields, poisons: ["fields", "body"] },
  { kind: "api", method: "POST", path: "/api/v1/requests/:requestId/proposals", fields: ["slots", "message", "timeZone", "offeringId"], poisons: ["path", "fields", "body"] },
  { kind: "api", method: "POST", path: "/api/v1/requests/:requestId/accept", fields: ["slotIds"], poisons: ["path", "fields", "body"] },
  { kind: "api", method: "POST", path: "/api/v1/requests/:requestId/decline", fields: ["reason"], poisons: ["path", "fields", "body"] },
  { kind: "api", method: "POST", path: "/api/v1/requests/:requestId/withdraw", poisons: ["path"] },
  { kind: "api", method: "POST", path: "/api/v1/requests/:requestId/messages", fields: ["body"], poisons: ["path", "fields", "body"] },
  { kind: "api", method: "PUT", path: "/api/v1/sessions/:sessionId/attendees/:attendeeId/attendance", fields: ["attendance"], poisons: ["path", "fields", "body"] },
  { kind: "api", method: "GET", path: "/api/v1/reports/summary", query: ["from", "to"] },
  { kind: "api", method: "GET", path: "/api/v1/sessions/:sessionId/evaluations" },
  { kind: "api", method: "GET", path: "/api/v1/privacy/subjects", query: ["email"] },
  { kind: "api", method: "POST", path: "/api/v1/privacy/subjects/erase", fields: ["email"], poisons: ["fields", "body"] },
  { kind: "api", method: "GET", path: "/api/v1/no-such-endpoint/:sessionId" },

  // ------------------------------------------------------------------ page loaders with parameters
  loader("/", ["format", "provider", "month", "deliveryMode", "cursor", "q"]),
  loader("/sessions/:sessionId"),
  loader("/sessions/:sessionId/book"),
  loader("/offerings/:offeringId"),
  loader("/providers/:slug"),
  loader("/bookings/:bookingId"),
  loader("/requests/:requestId"),
  loader("/provider/sessions/:sessionId"),
  loader("/provider/sessions/:sessionId/attendees"),
  loader("/provider/sessions/:sessionId/attendees.csv"),
  loader("/provider/sessions/:sessionId/attendees.xlsx"),
  loader("/provider/sessions/:sessionId/attendees/sheet"),
  loader("/provider/offerings/:offeringId"),
  loader("/provider/calendar", ["view", "date", "week", "month"]),
  loader("/provider/availability", ["trainer"]),
  loader("/admin/organisations/:organisationId"),
  loader("/admin/import/:importId"),
  loader("/admin/reports", ["from", "to"]),
  loader("/admin/reports/export", ["from", "to", "table", "format"]),
  loader("/provider/reports", ["from", "to"]),
  loader("/provider/reports/export", ["from", "to", "table", "format"]),
  loader("/attend/:token"),
  loader("/attend/:token/certificate.pdf"),
  loader("/evaluate/:token", ["saved"]),
  loader("/verify/:token"),
  loader("/privacy"),
  loader("/admin/privacy", ["email", "erased"]),
  loader("/admin/privacy/export.json", ["email"]),
  loader("/set-password/:token"),
  loader("/calendar/:secret.ics"),
  loader("/dev/mail/:mailId"),
  loader("/dev/mail/:mailId.ics"),

  // ------------------------------------------------------------------ page actions (form POSTs)
  { kind: "page", method: "POST", path: "/login", fields: ["email", "password", "redirectTo"], poisons: ["fields"] },
  { kind: "page", method: "POST", path: "/logout", roles: ["anonymous"] },
  { kind: "page", method: "POST", path: "/lang", fields: ["lang", "locale", "redirectTo"] },
  { kind: "page", method: "POST", path: "/account", fields: ["currentPassword", "password", "confirm"], intents: ["signOutEverywhere", "changePassword"], poisons: ["intent"] },
  { kind: "page", method: "POST", path: "/account/calendar", intents: ["renew"], poisons: ["intent"] },
  { kind: "page", method: "POST", path: "/set-password/:token", fields: ["password", "confirm"], poisons: ["path"] },
  { kind: "page", method: "POST", path: "/attend/:token", fields: ["name", "email"], intents: ["cancel", "substitute"], poisons: ["path"] },
  { kind: "page", method: "POST", path: "/sessions/:sessionId/book", fields: ["attendees.0.name", "attendees.0.email", "paste", "idempotencyKey"], intents: ["book", "add", "import"], poisons: ["path", "fields"] },
  { kind: "page", method: "POST", path: "/bookings/:bookingId", fields: ["seatId", "name", "email"], intents: ["cancel-booking", "cancel-seat", "substitute"], poisons: ["path", "intent"] },
  { kind: "page", method: "POST", path: "/requests/new", fields: requestFields, poisons: ["fields"] },
  { kind: "page", method: "POST", path: "/requests/:requestId", fields: ["body", "reason", "slotIds", "offeringId", "proposalMessage", "slots.0.date", "slots.0.start", "slots.0.end"], intents: ["message", "addRow", "propose", "decline", "accept", "withdraw"], poisons: ["path", "intent"] },
  { kind: "page", method: "POST", path: "/provider/sessions/new", fields: sessionFormFields, intents: ["preview", "save"], poisons: ["fields"] },
  { kind: "page", method: "POST", path: "/provider/sessions/:sessionId", fields: [...sessionFormFields, "reason", "scope", "cancelScope"], intents: ["update", "cancel"], poisons: ["path", "intent"] },
  { kind: "page", method: "POST", path: "/provider/sessions/:sessionId/attendees", fields: ["seatId", "attendance"], intents: ["attendance"], poisons: ["path"] },
  { kind: "page", method: "POST", path: "/provider/offerings/new", fields: offeringFormFields, poisons: ["fields"] },
  { kind: "page", method: "POST", path: "/provider/offerings/:offeringId", fields: offeringFormFields, poisons: ["path", "fields"] },
  { kind: "page", method: "POST", path: "/provider/availability", fields: ["weekly.1.0.start", "weekly.1.0.end", "exceptions.0.date", "exceptions.0.kind"], intents: ["save", "more"], query: ["trainer"], poisons: ["query", "fields"] },
  { kind: "page", method: "POST", path: "/evaluate/:token", fields: ["usefulness", "trainer", "willUse", "missing"], poisons: ["path"] },
  { kind: "page", method: "POST", path: "/admin/privacy", fields: ["email", "confirm"], poisons: ["fields"] },
  { kind: "page", method: "POST", path: "/admin/import", fields: ["csv"], intents: ["dry-run", "apply"], poisons: ["fields"] },
  { kind: "page", method: "POST", path: "/admin/organisations/new", fields: ["kind", "name", "slug", "description"], poisons: ["fields"] },
  { kind: "page", method: "POST", path: "/admin/organisations/:organisationId", fields: ["userId", "name", "email"], intents: ["create-user", "deactivate", "reactivate", "password-link"], poisons: ["path", "intent"] },
];
