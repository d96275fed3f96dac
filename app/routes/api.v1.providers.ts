import { listProviders } from "~/modules/catalog/catalog.server";
import { serializeProvider } from "~/modules/catalog/serialize";
import { json, methodNotAllowed, withApi } from "~/utils/api.server";

export function loader() {
  return withApi(async () => {
    const providers = await listProviders();
    return json({ providers: providers.map(serializeProvider) });
  });
}

export function action() {
  return withApi(async () => methodNotAllowed(["GET"]));
}
