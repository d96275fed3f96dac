import type { LoaderFunctionArgs } from "@remix-run/node";
import { localeFromRequest, translator } from "~/i18n";
import { requireRole } from "~/modules/accounts/guards.server";
import { subjectQuerySchema } from "~/modules/privacy/schemas";
import { findSubject } from "~/modules/privacy/subjects.server";

/** /admin/privacy/export.json?email=…: everything held about the address, as a JSON download. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "admin");
  const parsed = subjectQuerySchema.safeParse({ email: new URL(request.url).searchParams.get("email") ?? "" });
  if (!parsed.success) throw new Response(translator(localeFromRequest(request))("privacy.error.email"), { status: 422, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  const subject = await findSubject({ email: parsed.data.email });
  return new Response(JSON.stringify({ exportedAt: new Date().toISOString(), subject }, null, 2), {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": 'attachment; filename="expertenpool-gegevens.json"',
      "Cache-Control": "no-store",
    },
  });
}
