/** OpenAPI path items of the insight endpoints: reports, attendance, evaluations. */
import { bearer, body, common, error, type JsonObject, ok, pathId } from "../api/openapi-helpers";
import { apiAttendanceSchema } from "../attendance/schemas";

const int = { type: "integer" };
const share = { type: ["number", "null"], minimum: 0, maximum: 1, description: "0..1; null when there is nothing to divide by" };
const hours = { type: ["number", "null"], description: "Hours, one decimal; null without answered requests" };
const str = { type: "string" };
const seatFigures = { sessions: int, seatsBooked: int, attended: int, noShows: int, cancelled: int, waitlistPressure: int, fillRate: share };
const requestFigures = { submitted: int, answeredWithinClock: int, withinClockShare: share, medianResponseHours: hours };
const arrayOf = (properties: JsonObject) => ({ type: "array", items: { type: "object", properties } });
const day = (name: string, description: string) => ({
  name,
  in: "query",
  required: true,
  description,
  schema: { type: "string", format: "date" },
});

export const insightOpenApiPaths: Record<string, JsonObject> = {
  "/reports/summary": {
    get: {
      operationId: "reportSummary",
      summary:
        "Usage in a period (operator: everything; provider planner: own provider only). Sessions count when they start in the period (Brussels days, both ends inclusive) and are published. " +
        "attended: confirmed seats marked present; noShows: confirmed seats marked absent; cancelled: confirmed seats cancelled later (not substitutions); " +
        "waitlistPressure: waitlisted seats never promoted; fillRate: seatsBooked / capacity. Requests count when submitted in the period; " +
        "withinClockShare is over the requests answered or past their due time.",
      tags: ["reports"],
      security: bearer,
      parameters: [day("from", "First day, YYYY-MM-DD"), day("to", "Last day (inclusive), YYYY-MM-DD; at most 3660 days after from")],
      responses: {
        200: ok("The summary", {
          period: { type: "object", properties: { from: { type: "string", format: "date" }, to: { type: "string", format: "date" } } },
          totals: { type: "object", properties: { ...seatFigures, sessionsCancelled: int } },
          byMunicipality: arrayOf({ slug: str, name: str, sessions: int, seatsBooked: int, attended: int, noShows: int, cancelled: int, waitlistPressure: int }),
          byProvider: arrayOf({ slug: str, name: str, ...seatFigures }),
          byFormat: arrayOf({ format: str, sessions: int, seatsBooked: int, attended: int, noShows: int, fillRate: share }),
          byMonth: arrayOf({ month: { type: "string", description: "YYYY-MM" }, sessions: int, seatsBooked: int, attended: int }),
          requests: {
            type: "object",
            properties: {
              ...requestFigures,
              byKind: arrayOf({ kind: str, ...requestFigures }),
              byProvider: arrayOf({ slug: str, name: str, ...requestFigures }),
            },
          },
          reach: { type: "object", properties: { reached: int, registered: int }, description: "Municipalities with a confirmed seat or a private session in the period, of all registered" },
        }),
        401: common[401],
        403: error("Not an operator or provider planner"),
        422: common[422],
      },
    },
  },
  "/sessions/{id}/attendees/{attendeeId}/attendance": {
    put: {
      operationId: "setAttendance",
      summary: "Mark a confirmed attendee present or absent (the session's provider), once the session has started",
      tags: ["provider"],
      security: bearer,
      parameters: [pathId("id", "Session id"), pathId("attendeeId", "Attendee (seat) id", "A malformed or unknown id, or a seat that is not confirmed, answers 404.")],
      requestBody: body(apiAttendanceSchema),
      responses: {
        200: ok("The attendee", {
          attendee: {
            type: "object",
            properties: {
              id: { type: "string", format: "uuid" },
              bookingId: { type: "string", format: "uuid" },
              name: str,
              email: str,
              municipality: { type: "object", properties: { id: { type: "string", format: "uuid" }, slug: str, name: str } },
              status: { enum: ["confirmed", "waitlisted", "cancelled"] },
              attendance: { enum: ["present", "absent", null] },
            },
          },
        }),
        ...common,
        404: error("No such session of yours, or no such confirmed attendee"),
        409: error("INVALID_STATE: the session has not started yet"),
      },
    },
  },
  "/sessions/{id}/evaluations": {
    get: {
      operationId: "sessionEvaluations",
      summary: "Evaluation results of a session (its provider, the operator). Averages and comments only from 3 answers on; never names",
      tags: ["reports", "provider"],
      security: bearer,
      parameters: [pathId("id", "Session id")],
      responses: {
        200: ok("The results", {
          responses: { type: "integer", description: "Number of answers" },
          averages: {
            type: ["object", "null"],
            description: "null while fewer than 3 answers exist",
            properties: { usefulness: { type: ["number", "null"] }, trainer: { type: ["number", "null"] } },
          },
          comments: {
            type: "array",
            description: "Empty while fewer than 3 answers exist; sorted by question and text, not by time",
            items: { type: "object", properties: { question: { enum: ["willUse", "missing"] }, text: str } },
          },
        }),
        401: common[401],
        403: error("Not a provider planner or operator"),
        404: error("No such session (of yours)"),
      },
    },
  },
};
