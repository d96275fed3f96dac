/**
 * Request body limits, enforced once by the HTTP layer (app/server/body-limit.ts) for
 * every route before Remix sees the request; the JSON API's reader keeps the same bound
 * as a backstop. Client-safe constants only.
 */
export const JSON_BODY_LIMIT = 64 * 1024;
export const FORM_BODY_LIMIT = 256 * 1024;
