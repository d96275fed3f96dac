import { type ActionFunctionArgs, redirect } from "@remix-run/node";
import { isLocale } from "~/i18n";

/** The language switch: a plain form post, so it works without JavaScript. */
export async function action({ request }: ActionFunctionArgs) {
  const form = await request.formData();
  const lang = form.get("lang");
  const target = String(form.get("redirectTo") ?? "/");
  // Only local paths, never "//evil.example".
  const safe = target.startsWith("/") && !target.startsWith("//") ? target : "/";
  if (!isLocale(lang)) return redirect(safe);
  return redirect(safe, {
    headers: { "Set-Cookie": `lang=${lang}; Path=/; Max-Age=31536000; SameSite=Lax; HttpOnly` },
  });
}

export async function loader() {
  return redirect("/");
}
