/** OpenAPI path items for the provider (publishing, availability) and coordinator (booking) endpoints. */
import { bearer, body, common, error, type JsonObject, ok, pathId, ref } from "../api/openapi-helpers";
import { createBookingSchema, substituteSchema } from "../bookings/schemas";
import { availabilitySchema, cancelSessionSchema, createSessionSchema, updateSessionSchema } from "./schemas";

const session = ref("Session");
const booking = {
  type: "object",
  properties: {
    id: { type: "string", format: "uuid" },
    sessionId: { type: "string", format: "uuid" },
    municipality: { type: "object", properties: { id: { type: "string" }, slug: { type: "string" }, name: { type: "string" } } },
    createdAt: { type: "string", format: "date-time" },
    attendees: {
      type: "array",
      items: {
        type: "object",
        properties: {
          id: { type: "string", format: "uuid" },
          name: { type: "string" },
          email: { type: "string" },
          status: { enum: ["confirmed", "waitlisted", "cancelled"] },
          waitlistPosition: { type: ["integer", "null"] },
        },
      },
    },
  },
};

/** Reading and cancelling one booking: the same id in, the booking (as it is now) out. */
const oneBooking = (operationId: string, summary: string) => ({
  operationId,
  summary,
  tags: ["coordinator"],
  security: bearer,
  parameters: [pathId("id", "Booking id")],
  responses: { 200: ok("The booking", { booking }), 401: common[401], 403: common[403], 404: error("No such booking of yours") },
});

export const publishingOpenApiPaths: Record<string, JsonObject> = {
  "/sessions": {
    post: {
      operationId: "createSessions",
      summary: "Publish one session or a recurring series (RRULE expanded in the time zone's wall-clock time)",
      tags: ["provider"],
      security: bearer,
      requestBody: body(createSessionSchema),
      responses: {
        201: ok("The created sessions", { sessions: { type: "array", items: session }, seriesId: { type: ["string", "null"] } }),
        ...common,
        409: error("TRAINER_CONFLICT or OUTSIDE_AVAILABILITY"),
        422: error("VALIDATION_FAILED, or AMBIGUOUS_TIME: a local time in the repeated autumn hour without an offset"),
      },
    },
  },
  "/sessions/{id}": {
    patch: {
      operationId: "updateSession",
      summary: "Reschedule or change a session; a change of time, place, link or title raises sequence and mails attendees",
      tags: ["provider"],
      security: bearer,
      parameters: [pathId("id", "Session id")],
      requestBody: body(updateSessionSchema),
      responses: {
        200: ok("The session", { session }),
        ...common,
        404: error("No such session of yours"),
        409: error("TRAINER_CONFLICT, OUTSIDE_AVAILABILITY, INVALID_STATE, or SESSION_HAS_BOOKINGS (back to draft with bookings: cancel instead)"),
        422: error("VALIDATION_FAILED, or AMBIGUOUS_TIME: a local time in the repeated autumn hour without an offset"),
      },
    },
  },
  "/sessions/{id}/cancel": {
    post: {
      operationId: "cancelSession",
      summary: "Cancel a session; every seat holder gets a cancellation (METHOD:CANCEL)",
      tags: ["provider"],
      security: bearer,
      parameters: [pathId("id", "Session id")],
      requestBody: body(cancelSessionSchema),
      responses: { 200: ok("The cancelled session", { session }), ...common, 404: error("No such session of yours"), 409: error("INVALID_STATE: already cancelled") },
    },
  },
  "/sessions/{id}/attendees": {
    get: {
      operationId: "listAttendees",
      summary: "The attendee list of one of your sessions",
      tags: ["provider"],
      security: bearer,
      parameters: [pathId("id", "Session id")],
      responses: { 200: ok("Attendees", { attendees: { type: "array", items: { type: "object" } } }), 401: common[401], 403: common[403], 404: error("No such session of yours") },
    },
  },
  "/availability": {
    get: {
      operationId: "getAvailability",
      summary: "Your provider's (or one trainer's, ?trainerId=) weekly hours and exceptions",
      tags: ["provider"],
      security: bearer,
      responses: { 200: ok("Availability"), 401: common[401], 403: common[403] },
    },
    put: {
      operationId: "putAvailability",
      summary: "Replace the weekly hours and exceptions",
      tags: ["provider"],
      security: bearer,
      requestBody: body(availabilitySchema),
      responses: { 200: ok("Availability"), ...common },
    },
  },
  "/sessions/{id}/bookings": {
    post: {
      operationId: "bookSeats",
      summary: "Book seats for named colleagues: confirmed while capacity lasts, the rest waitlisted in the order given",
      tags: ["coordinator"],
      security: bearer,
      parameters: [
        pathId("id", "Session id"),
        { name: "Idempotency-Key", in: "header", required: false, schema: { type: "string", maxLength: 200 }, description: "The same key again returns the same booking (200) and books nothing more." },
      ],
      requestBody: body(createBookingSchema),
      responses: {
        201: ok("The booking", { booking }),
        200: ok("A replay of the same Idempotency-Key", { booking }),
        ...common,
        404: error("No such session"),
        409: error("BOOKING_CLOSED or SESSION_CANCELLED"),
      },
    },
  },
  "/bookings": {
    get: {
      operationId: "listBookings",
      summary: "Your municipality's bookings",
      tags: ["coordinator"],
      security: bearer,
      parameters: [{ name: "when", in: "query", required: false, schema: { enum: ["upcoming", "past", "all"] } }],
      responses: { 200: ok("Bookings", { bookings: { type: "array", items: booking } }), 401: common[401], 403: common[403] },
    },
  },
  "/bookings/{id}": {
    get: oneBooking("getBooking", "One of your municipality's bookings"),
    delete: oneBooking("cancelBooking", "Cancel every seat; freed seats go to the waitlist at once"),
  },
  "/bookings/{id}/attendees/{attendeeId}": {
    delete: {
      operationId: "cancelSeat",
      summary: "Cancel one seat; a freed seat goes to the first waitlisted seat at once",
      tags: ["coordinator"],
      security: bearer,
      parameters: [pathId("id", "Booking id"), pathId("attendeeId", "Attendee id")],
      responses: { 200: ok("The booking", { booking }), 401: common[401], 403: common[403], 404: error("No such booking or attendee of yours"), 409: error("INVALID_STATE") },
    },
    put: {
      operationId: "substituteAttendee",
      summary: "Substitute a colleague: the old holder gets a cancellation, the new one an invitation",
      tags: ["coordinator"],
      security: bearer,
      parameters: [pathId("id", "Booking id"), pathId("attendeeId", "Attendee id")],
      requestBody: body(substituteSchema),
      responses: { 200: ok("The booking", { booking }), ...common, 404: error("No such booking or attendee of yours"), 409: error("SESSION_CANCELLED or INVALID_STATE") },
    },
  },
};

