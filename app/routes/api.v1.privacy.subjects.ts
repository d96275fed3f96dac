import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireApiRole } from "~/modules/accounts/guards.server";
import { subjectQuerySchema } from "~/modules/privacy/schemas";
import { findSubject } from "~/modules/privacy/subjects.server";
import { json, methodNotAllowed, readQuery, withApi } from "~/utils/api.server";

/** GET /api/v1/privacy/subjects?email= (operator): everything held about the address. */
export async function loader({ request }: LoaderFunctionArgs) {
  return withApi(async () => {
    await requireApiRole(request, "admin");
    const { email } = readQuery(request, subjectQuerySchema);
    return json({ subject: await findSubject({ email }) });
  });
}

export async function action() {
  return methodNotAllowed(["GET"]);
}
