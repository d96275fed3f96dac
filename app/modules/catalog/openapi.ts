/**
 * The OpenAPI 3.1 document of /api/v1, generated from the zod schemas that validate
 * the requests and describe the responses (schemas.ts), so the two cannot drift apart.
 * Other areas contribute path items (accountsOpenApiPaths, …) that are merged in.
 */
import { z } from "zod";
import { error, type JsonObject, pathId, ref } from "../api/openapi-helpers";
import { accountsOpenApiPaths, accountsSecuritySchemes } from "../accounts/openapi";
import { privacyOpenApiPaths } from "../privacy/openapi";
import { insightOpenApiPaths } from "../reports/openapi";
import { requestsOpenApiPaths } from "../requests/openapi";
import { publishingOpenApiPaths } from "../sessions/openapi";
import {
  errorSchema,
  offeringSchema,
  offeringsQuerySchema,
  offeringsResponseSchema,
  providerSchema,
  providersResponseSchema,
  sessionResponseSchema,
  sessionSchema,
  sessionsQuerySchema,
  sessionsResponseSchema,
} from "./schemas";

/** Response schemas may gain fields (CONTRACT: "change only by adding"): don't forbid extra ones. */
function relax(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(relax);
  if (value && typeof value === "object") {
    const out: JsonObject = {};
    for (const [k, v] of Object.entries(value)) {
      if (k === "$schema" || k === "$id") continue;
      if (k === "additionalProperties" && v === false) continue;
      out[k] = relax(v);
    }
    return out;
  }
  return value;
}

function componentSchemas(): JsonObject {
  const registry = z.registry<{ id: string }>();
  registry.add(sessionSchema, { id: "Session" });
  registry.add(providerSchema, { id: "Provider" });
  registry.add(offeringSchema, { id: "Offering" });
  registry.add(errorSchema, { id: "Error" });
  registry.add(sessionsResponseSchema, { id: "SessionList" });
  registry.add(sessionResponseSchema, { id: "SessionEnvelope" });
  registry.add(providersResponseSchema, { id: "ProviderList" });
  registry.add(offeringsResponseSchema, { id: "OfferingList" });
  const { schemas } = z.toJSONSchema(registry, { uri: (id) => `#/components/schemas/${id}` });
  return relax(schemas) as JsonObject;
}

/** Query parameters of an object schema, each with the JSON Schema of its input. */
function queryParameters(schema: z.ZodObject): JsonObject[] {
  return Object.entries(schema.shape).map(([name, field]) => {
    const json = relax(z.toJSONSchema(field as z.ZodType, { io: "input", unrepresentable: "any" })) as JsonObject;
    const { description, ...rest } = json;
    return {
      name,
      in: "query",
      required: !(field as z.ZodType).safeParse(undefined).success,
      ...(description ? { description } : {}),
      schema: rest,
    };
  });
}

const jsonResponse = (description: string, schema: string) => ({
  description,
  content: { "application/json": { schema: ref(schema) } },
});

const idParameter = pathId("id", "Session id");

function catalogPaths(): JsonObject {
  return {
    "/providers": {
      get: {
        operationId: "listProviders",
        summary: "The pool's providers with their contact details",
        tags: ["catalog"],
        security: [],
        responses: { 200: jsonResponse("The providers, by name", "ProviderList") },
      },
    },
    "/offerings": {
      get: {
        operationId: "listOfferings",
        summary: "Active offerings, optionally of one provider or one format",
        tags: ["catalog"],
        security: [],
        parameters: queryParameters(offeringsQuerySchema),
        responses: {
          200: jsonResponse("The offerings", "OfferingList"),
          422: error("A parameter is not valid (see error.fields)"),
        },
      },
    },
    "/sessions": {
      get: {
        operationId: "listSessions",
        summary: "Published public sessions (plus the caller's private ones), by start time",
        description:
          "Keyset pagination: pass `nextCursor` as `cursor` for the next page; it is null on the last page. " +
          "Keep the other parameters the same while paging.",
        tags: ["catalog"],
        security: [{}, { bearerAuth: [] }],
        parameters: queryParameters(sessionsQuerySchema),
        responses: {
          200: jsonResponse("One page of sessions", "SessionList"),
          422: error("A parameter is not valid (see error.fields)"),
        },
      },
    },
    "/sessions/{id}": {
      get: {
        operationId: "getSession",
        summary: "One session (cancelled sessions too)",
        tags: ["catalog"],
        security: [{}, { bearerAuth: [] }],
        parameters: [idParameter],
        responses: {
          200: jsonResponse("The session", "SessionEnvelope"),
          404: error("No such session (or not visible to the caller)"),
        },
      },
    },
    "/sessions/{id}/calendar.ics": {
      get: {
        operationId: "getSessionCalendar",
        summary: "The session as an iCalendar file (METHOD:PUBLISH, no personal data)",
        tags: ["catalog"],
        security: [{}, { bearerAuth: [] }],
        parameters: [idParameter],
        responses: {
          200: {
            description: "iCalendar with TZID=Europe/Brussels and a VTIMEZONE",
            content: { "text/calendar": { schema: { type: "string" } } },
          },
          404: error("No such session (or not visible to the caller)"),
        },
      },
    },
  };
}

/** Path maps merged per path, so that GET /sessions and POST /sessions live in one path item. */
function mergePaths(...maps: JsonObject[]): JsonObject {
  const out: Record<string, JsonObject> = {};
  for (const map of maps) {
    for (const [path, item] of Object.entries(map)) out[path] = { ...(out[path] ?? {}), ...(item as JsonObject) };
  }
  return out;
}

export function openApiDocument(): JsonObject {
  return {
    openapi: "3.1.0",
    info: {
      title: "Expertenpool API",
      version: "1.0.0",
      description:
        "JSON API of the Expertenpool. Times in responses are ISO-8601 instants with the Brussels offset; " +
        'times in requests without an offset are wall-clock time in Europe/Brussels. Errors: {"error": {code, message, fields?}}.',
    },
    jsonSchemaDialect: "https://json-schema.org/draft/2020-12/schema",
    servers: [{ url: "/api/v1" }],
    tags: [
      { name: "catalog", description: "Public catalog: providers, offerings, sessions" },
      { name: "provider", description: "Provider planners: publishing, availability, attendee lists" },
      { name: "coordinator", description: "Municipality coordinators: bookings" },
      { name: "requests", description: "Requests for tailor-made help (confidential)" },
      { name: "reports", description: "Usage figures and evaluations (operator; provider planners for their own)" },
    ],
    paths: mergePaths(
      catalogPaths(),
      accountsOpenApiPaths as JsonObject,
      publishingOpenApiPaths,
      requestsOpenApiPaths as JsonObject,
      insightOpenApiPaths,
      privacyOpenApiPaths as JsonObject,
    ),
    components: {
      schemas: componentSchemas(),
      securitySchemes: { ...accountsSecuritySchemes },
    },
  };
}
