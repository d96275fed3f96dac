/** Building blocks of the OpenAPI path items that the areas contribute to /api/v1/openapi.json. */
import { z } from "zod";

export type JsonObject = Record<string, unknown>;

/** A reference to a component schema (#/components/schemas/<name>). */
export const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

/** A required JSON request body: the JSON Schema of what the validating zod schema accepts. */
export function body(schema: z.ZodType): JsonObject {
  const json = z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as JsonObject;
  // Embedded in the document, so no $schema of its own.
  delete json.$schema;
  return { required: true, content: { "application/json": { schema: json } } };
}

/** An error answer: the Error component ({"error": {code, message, fields?}}). */
export const error = (description: string) => ({
  description,
  content: { "application/json": { schema: ref("Error") } },
});

/** A JSON object answer with these properties. */
export const ok = (description: string, properties: JsonObject = {}) => ({
  description,
  content: { "application/json": { schema: { type: "object", properties } } },
});

/** A UUID path parameter: "Session id (UUID). A malformed or unknown id answers 404." */
export const pathId = (name: string, what: string, unknown = "A malformed or unknown id answers 404.") => ({
  name,
  in: "path",
  required: true,
  description: `${what} (UUID). ${unknown}`,
  schema: { type: "string", format: "uuid" },
});

/** An API token is needed. */
export const bearer = [{ bearerAuth: [] }];

/** The errors every endpoint with a JSON body can answer (GETs take 401, 403 and 422 from here). */
export const common = {
  400: error("The body is not valid JSON"),
  401: error("No valid API token"),
  403: error("The token's role may not do this"),
  413: error("The body is larger than 64 KiB"),
  415: error("The body is not application/json"),
  422: error("The request is not valid (see error.fields)"),
};
