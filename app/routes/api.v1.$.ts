import { apiError } from "~/utils/api.server";

/** Any /api/v1 path no other route matches, with any method: the contract's JSON 404. */
function notFound(request: Request): Response {
  const path = new URL(request.url).pathname;
  return apiError("NOT_FOUND", `No such endpoint: ${path}. See /api/v1/openapi.json.`);
}

export function loader({ request }: { request: Request }) {
  return notFound(request);
}

export function action({ request }: { request: Request }) {
  return notFound(request);
}
