import type { ActionFunctionArgs } from "@remix-run/node";
import { readBody, tokenResponse } from "~/modules/accounts/api.server";
import { tokenRequestSchema } from "~/modules/accounts/schemas";
import { bearerToken, issueToken, revokeToken } from "~/modules/accounts/tokens.server";
import { apiError, json, methodNotAllowed, withApi } from "~/utils/api.server";

const allowed = ["POST", "DELETE"];

export async function loader() {
  return methodNotAllowed(allowed);
}

/** POST: credentials → a new API token. DELETE: revoke the token the request carries. */
export async function action({ request, context }: ActionFunctionArgs) {
  return withApi(async () => {
    const now = new Date();
    if (request.method === "POST") {
      const body = await readBody(request, tokenRequestSchema);
      // A throttled attempt (RateLimitedError) becomes 429 with Retry-After in withApi.
      const issued = await issueToken({ ...body, ip: context.clientIp, now });
      return json(tokenResponse(issued), 201);
    }
    if (request.method === "DELETE") {
      const token = bearerToken(request);
      if (!token || !(await revokeToken({ token, now }))) {
        return apiError("UNAUTHENTICATED", "Send the API token to revoke: Authorization: Bearer <token>.", undefined, {
          "WWW-Authenticate": 'Bearer realm="expertenpool"',
        });
      }
      return new Response(null, { status: 204, headers: { "Cache-Control": "no-store" } });
    }
    return methodNotAllowed(allowed);
  });
}
