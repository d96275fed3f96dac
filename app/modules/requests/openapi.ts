/** OpenAPI path items of /api/v1/requests (tailor-made help); request bodies from the validating zod schemas. */
import { bearer, body, common, error, type JsonObject, ok, ref, pathId as uuidPath } from "../api/openapi-helpers";
import {
  acceptSchema,
  createRequestSchema,
  declineSchema,
  messageSchema,
  proposalSchema,
  REQUEST_DELIVERY_MODES,
  REQUEST_KINDS,
  REQUEST_STATUSES,
} from "./schemas";

const pathId = uuidPath("id", "Request id", "A malformed or unknown id, or another organisation's request, answers 404.");

const str = { type: "string" };
const nullableStr = { type: ["string", "null"] };
const time = { type: "string", format: "date-time", description: "ISO-8601 with the Brussels offset" };
const nullableTime = { type: ["string", "null"], format: "date-time" };
const org = { type: "object", properties: { id: { type: "string", format: "uuid" }, slug: str, name: str } };
const slot = {
  type: "object",
  properties: {
    id: { type: "string", format: "uuid" },
    startsAt: time,
    endsAt: time,
    sessionId: { type: ["string", "null"], format: "uuid", description: "The private session, once accepted" },
  },
};
const common_fields = {
  id: { type: "string", format: "uuid" },
  kind: { enum: [...REQUEST_KINDS] },
  status: { enum: [...REQUEST_STATUSES] },
  provider: org,
  municipality: org,
  participants: { type: "integer" },
  createdAt: time,
  deliveryMode: { enum: [...REQUEST_DELIVERY_MODES] },
  preferredDates: { type: "array", items: { type: "string", format: "date" } },
  timeZone: { const: "Europe/Brussels" },
  responseDueAt: { ...time, description: "When the provider should have answered: urgent one working day, helpdesk four helpdesk hours (weekdays 9–13), others five working days" },
  overdue: { type: "boolean", description: "Submitted and past responseDueAt" },
  firstResponseAt: nullableTime,
  updatedAt: time,
  closedAt: nullableTime,
};
const requestSchema = {
  type: "object",
  description:
    "A request with its case details. Visible only to the requesting municipality, the addressed provider and operators (an operator's read is audited).",
  properties: {
    ...common_fields,
    offeringId: { type: ["string", "null"], format: "uuid" },
    subject: str,
    location: nullableStr,
    message: str,
    declineReason: nullableStr,
    proposals: {
      type: "array",
      items: {
        type: "object",
        properties: { id: { type: "string", format: "uuid" }, message: nullableStr, createdAt: time, slots: { type: "array", items: slot } },
      },
    },
    messages: {
      type: "array",
      items: {
        type: "object",
        properties: {
          id: { type: "string", format: "uuid" },
          author: { type: "object", properties: { name: nullableStr, organisation: org } },
          body: str,
          createdAt: time,
        },
      },
    },
  },
};
const summarySchema = {
  type: "object",
  description: "A request in a list: no message, proposals or thread. Operators get subject null (they open the request, which is audited).",
  properties: {
    ...common_fields,
    subject: nullableStr,
    proposalCount: { type: "integer" },
    sessionCount: { type: "integer" },
  },
};
const messageJson = (requestSchema.properties.messages as { items: JsonObject }).items;

export const requestsOpenApiPaths: Record<string, JsonObject> = {
  "/requests": {
    get: {
      operationId: "listRequests",
      summary: "Your requests: a municipality's newest first; a provider's (or, for operators, all) overdue first",
      tags: ["requests"],
      security: bearer,
      parameters: [{ name: "status", in: "query", required: false, schema: { enum: [...REQUEST_STATUSES] } }],
      responses: { 200: ok("Requests", { requests: { type: "array", items: summarySchema } }), 401: common[401], 403: common[403], 422: common[422] },
    },
    post: {
      operationId: "createRequest",
      summary: "Ask a provider for tailor-made help (coordinator). The provider's planners get a mail without case details",
      tags: ["requests", "coordinator"],
      security: bearer,
      requestBody: body(createRequestSchema),
      responses: { 201: ok("The request", { request: requestSchema }), ...common },
    },
  },
  "/requests/{id}": {
    get: {
      operationId: "getRequest",
      summary: "One request (only its municipality, its provider and operators)",
      tags: ["requests"],
      security: bearer,
      parameters: [pathId],
      responses: { 200: ok("The request", { request: requestSchema }), 401: common[401], 403: common[403], 404: error("No such request of yours") },
    },
  },
  "/requests/{id}/proposals": {
    post: {
      operationId: "proposeSlots",
      summary: "Propose slots (provider); each inside your available hours. Times without offset are wall-clock in timeZone",
      tags: ["requests", "provider"],
      security: bearer,
      parameters: [pathId],
      requestBody: body(proposalSchema),
      responses: {
        201: ok("The proposal", {
          proposal: {
            type: "object",
            properties: {
              id: { type: "string", format: "uuid" },
              slots: { type: "array", items: { type: "object", properties: { id: { type: "string", format: "uuid" }, startsAt: time, endsAt: time } } },
            },
          },
        }),
        ...common,
        404: error("No such request of yours"),
        409: error("OUTSIDE_AVAILABILITY, or INVALID_STATE (accepted, declined or withdrawn)"),
      },
    },
  },
  "/requests/{id}/accept": {
    post: {
      operationId: "acceptSlots",
      summary: "Accept proposed slots (coordinator): they become private sessions for your municipality (a trajectory accepts several)",
      tags: ["requests", "coordinator"],
      security: bearer,
      parameters: [pathId],
      requestBody: body(acceptSchema),
      responses: {
        200: ok("The accepted request and its sessions, by start", {
          request: requestSchema,
          sessions: { type: "array", items: ref("Session") },
        }),
        ...common,
        404: error("No such request of yours"),
        409: error("INVALID_STATE: nothing proposed yet, or already accepted, declined or withdrawn"),
      },
    },
  },
  "/requests/{id}/decline": {
    post: {
      operationId: "declineRequest",
      summary: "Decline a request with a reason (provider)",
      tags: ["requests", "provider"],
      security: bearer,
      parameters: [pathId],
      requestBody: body(declineSchema),
      responses: { 200: ok("The request", { request: requestSchema }), ...common, 404: error("No such request of yours"), 409: error("INVALID_STATE") },
    },
  },
  "/requests/{id}/withdraw": {
    post: {
      operationId: "withdrawRequest",
      summary: "Withdraw a request before acceptance (coordinator)",
      tags: ["requests", "coordinator"],
      security: bearer,
      parameters: [pathId],
      responses: { 200: ok("The request", { request: requestSchema }), 401: common[401], 403: common[403], 404: error("No such request of yours"), 409: error("INVALID_STATE") },
    },
  },
  "/requests/{id}/messages": {
    post: {
      operationId: "addRequestMessage",
      summary: "Write in the request's confidential thread (either party, until declined or withdrawn)",
      tags: ["requests"],
      security: bearer,
      parameters: [pathId],
      requestBody: body(messageSchema),
      responses: { 201: ok("The message", { message: messageJson }), ...common, 404: error("No such request of yours"), 409: error("INVALID_STATE") },
    },
  },
};
