/** OpenAPI path items for /auth/token and /me; merged into /api/v1/openapi.json. */
export const accountsOpenApiPaths: Record<string, unknown> = {};
