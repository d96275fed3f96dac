/** OpenAPI path items for /auth/token and /me (relative to /api/v1); merged into /api/v1/openapi.json. */
import { z } from "zod";
import { meResponseSchema, tokenRequestSchema, tokenResponseSchema } from "./schemas";

function schema(s: z.ZodType, io: "input" | "output"): Record<string, unknown> {
  const json: Record<string, unknown> = { ...z.toJSONSchema(s, { io, unrepresentable: "any" }) };
  // Embedded in the document, so no $schema of its own.
  delete json.$schema;
  return json;
}

const errorBody = {
  type: "object",
  required: ["error"],
  properties: {
    error: {
      type: "object",
      required: ["code", "message"],
      properties: {
        code: { type: "string" },
        message: { type: "string" },
        fields: { type: "object", additionalProperties: { type: "string" } },
        requestId: { type: "string", description: "The request's id (also the X-Request-Id header)." },
      },
    },
  },
};

const error = (description: string, headers?: Record<string, unknown>) => ({
  description,
  ...(headers ? { headers } : {}),
  content: { "application/json": { schema: errorBody } },
});

const bearer = [{ bearerAuth: [] }];

export const accountsSecuritySchemes = {
  bearerAuth: { type: "http", scheme: "bearer", description: "A token from POST /auth/token (prefix ep_)." },
};

export const accountsOpenApiPaths: Record<string, unknown> = {
  "/auth/token": {
    post: {
      operationId: "createToken",
      tags: ["auth"],
      summary: "Exchange e-mail and password for an API token",
      description:
        "Repeated failures are throttled per client address and per (client address, account) with growing delays (429 RATE_LIMITED with Retry-After), across all instances; failures from elsewhere never keep the account's owner out.",
      requestBody: { required: true, content: { "application/json": { schema: schema(tokenRequestSchema, "input") } } },
      responses: {
        "201": { description: "The token (shown only once).", content: { "application/json": { schema: schema(tokenResponseSchema, "output") } } },
        "400": error("The body is not valid JSON (BAD_REQUEST)."),
        "401": error("Wrong e-mail address or password (UNAUTHENTICATED)."),
        "413": error("The body is too large (PAYLOAD_TOO_LARGE)."),
        "415": error("The body is not application/json (UNSUPPORTED_MEDIA_TYPE)."),
        "422": error("A field is missing or invalid (VALIDATION_FAILED)."),
        "429": error("Too many failed attempts (RATE_LIMITED).", {
          "Retry-After": { description: "Seconds until a new attempt is allowed.", schema: { type: "integer" } },
        }),
      },
    },
    delete: {
      operationId: "revokeToken",
      tags: ["auth"],
      summary: "Revoke the token this request is made with",
      security: bearer,
      responses: {
        "204": { description: "Revoked; the token no longer works." },
        "401": error("No valid token (UNAUTHENTICATED)."),
      },
    },
  },
  "/me": {
    get: {
      operationId: "getMe",
      tags: ["auth"],
      summary: "The token's user and their personal calendar feed",
      security: bearer,
      responses: {
        "200": { description: "The user.", content: { "application/json": { schema: schema(meResponseSchema, "output") } } },
        "401": error("No, an unknown, expired or revoked token, or a deactivated account (UNAUTHENTICATED)."),
      },
    },
  },
};
