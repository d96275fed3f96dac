import type { ActionFunctionArgs } from "@remix-run/node";
import { requireApiRole } from "~/modules/accounts/guards.server";
import { subjectQuerySchema } from "~/modules/privacy/schemas";
import { eraseSubject } from "~/modules/privacy/subjects.server";
import { json, methodNotAllowed, readJson, withApi } from "~/utils/api.server";

/** POST /api/v1/privacy/subjects/erase {email} (operator): anonymise the address everywhere, audited. */
export async function action({ request }: ActionFunctionArgs) {
  return withApi(async () => {
    if (request.method !== "POST") return methodNotAllowed(["POST"]);
    const actor = await requireApiRole(request, "admin");
    const { email } = await readJson(request, subjectQuerySchema);
    const erased = await eraseSubject({ email, actor: { userId: actor.id, organisationId: actor.organisation.id }, now: new Date() });
    return json({ erased });
  });
}

export async function loader() {
  return methodNotAllowed(["POST"]);
}
