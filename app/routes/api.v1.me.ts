import type { LoaderFunctionArgs } from "@remix-run/node";
import { getMe } from "~/modules/accounts/accounts.server";
import { meResponse } from "~/modules/accounts/api.server";
import { requireApiUser } from "~/modules/accounts/guards.server";
import { apiError, json, methodNotAllowed, withApi } from "~/utils/api.server";

/** GET /api/v1/me: the token's user and their personal calendar feed. */
export async function loader({ request }: LoaderFunctionArgs) {
  return withApi(async () => {
    const user = await requireApiUser(request);
    const me = await getMe({ userId: user.id });
    if (!me) return apiError("UNAUTHENTICATED", "The API token is invalid, expired or revoked.");
    return json(meResponse(me));
  });
}

export async function action() {
  return methodNotAllowed(["GET"]);
}
