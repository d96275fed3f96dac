import { type ActionFunctionArgs, redirect } from "@remix-run/node";
import { destroyUserSession } from "~/modules/accounts/session.server";

/** Logging out is a POST (the layout's form), so a link or an image can't sign anyone out. */
export async function action({ request }: ActionFunctionArgs) {
  return destroyUserSession({ request, redirectTo: "/" });
}

export async function loader() {
  return redirect("/");
}
