import { openApiDocument } from "~/modules/catalog/openapi";
import { json, methodNotAllowed, withApi } from "~/utils/api.server";

export function loader() {
  return withApi(async () => json(openApiDocument(), { headers: { "Cache-Control": "public, max-age=300" } }));
}

export function action() {
  return withApi(async () => methodNotAllowed(["GET"]));
}
