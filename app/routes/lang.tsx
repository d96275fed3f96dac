import { type ActionFunctionArgs, redirect } from "@remix-run/node";
import { isLocale } from "~/i18n";
import { env } from "~/utils/env.server";
import { safeLocalPath } from "~/utils/safe-redirect";

/** The language switch: a plain form post, so it works without JavaScript. */
export async function action({ request }: ActionFunctionArgs) {
  const form = await request.formData();
  const lang = form.get("lang");
  // Only paths on this site: never "//evil.example", "/\\evil.example", tabs or their encodings.
  const safe = safeLocalPath(form.get("redirectTo"));
  if (!isLocale(lang)) return redirect(safe);
  const secure = env().secureCookies ? "; Secure" : "";
  return redirect(safe, {
    headers: { "Set-Cookie": `lang=${lang}; Path=/; Max-Age=31536000; SameSite=Lax; HttpOnly${secure}` },
  });
}

export async function loader() {
  return redirect("/");
}
