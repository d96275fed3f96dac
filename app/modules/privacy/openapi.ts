/** OpenAPI path items for /privacy/subjects (operator only); merged into /api/v1/openapi.json. */
import { bearer, body, common, error, type JsonObject, ok } from "../api/openapi-helpers";
import { subjectQuerySchema } from "./schemas";

const rows = { type: "array", items: { type: "object", additionalProperties: true } };

export const privacyOpenApiPaths: Record<string, JsonObject> = {
  "/privacy/subjects": {
    get: {
      operationId: "getPrivacySubject",
      summary: "Everything held about one e-mail address: accounts, seats, bookings made, mails, requests and messages written, calendar sequence numbers (per session, keyed by a hash of the address), audit entries (operator; at most 500 per kind, `truncated` names the kinds that had more)",
      tags: ["privacy", "operator"],
      security: bearer,
      parameters: [{ name: "email", in: "query", required: true, schema: { type: "string", format: "email", maxLength: 254 } }],
      responses: {
        200: ok("The subject", {
          subject: {
            type: "object",
            properties: {
              email: { type: "string" },
              accounts: rows,
              seats: rows,
              bookings: rows,
              mails: rows,
              requests: rows,
              messages: rows,
              calendar: rows,
              audit: rows,
              truncated: { type: "array", items: { type: "string" } },
            },
          },
        }),
        401: common[401],
        403: common[403],
        422: common[422],
      },
    },
  },
  "/privacy/subjects/erase": {
    post: {
      operationId: "erasePrivacySubject",
      summary:
        "Erase (anonymise) the address everywhere in one transaction (operator): seats anonymised, accounts anonymised and deactivated, mails to it and its calendar sequence numbers deleted, every other copy replaced by \"[verwijderd]\". Audited as privacy.subject_erased with a keyed hash of the address, never the address. 409 INVALID_STATE for your own account",
      tags: ["privacy", "operator"],
      security: bearer,
      requestBody: body(subjectQuerySchema),
      responses: {
        200: ok("What was erased", {
          erased: {
            type: "object",
            properties: { seats: { type: "integer" }, accounts: { type: "integer" }, mails: { type: "integer" }, calendar: { type: "integer" }, sweptColumns: { type: "integer" } },
          },
        }),
        ...common,
        409: error("INVALID_STATE: your own account"),
      },
    },
  },
};
