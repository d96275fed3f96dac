import type { LoaderFunctionArgs } from "@remix-run/node";
import { listOfferings } from "~/modules/catalog/catalog.server";
import { offeringsQuerySchema } from "~/modules/catalog/schemas";
import { serializeOffering } from "~/modules/catalog/serialize";
import { json, methodNotAllowed, readQuery, withApi } from "~/utils/api.server";

export function loader({ request }: LoaderFunctionArgs) {
  return withApi(async () => {
    const query = readQuery(request, offeringsQuerySchema);
    const offerings = await listOfferings({ providerSlug: query.provider, format: query.format });
    return json({ offerings: offerings.map(serializeOffering) });
  });
}

export function action() {
  return withApi(async () => methodNotAllowed(["GET"]));
}
