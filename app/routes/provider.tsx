import type { LoaderFunctionArgs } from "@remix-run/node";
import { Outlet } from "@remix-run/react";
import { NavLinks } from "~/components/nav";
import { useT } from "~/i18n";
import { requireRole } from "~/modules/accounts/guards.server";

/** The planner area: only provider planners; each child route guards itself as well. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "provider");
  return null;
}

export default function ProviderLayout() {
  const { t } = useT();
  return (
    <div className="planner">
      <nav aria-label={t("provider.nav.label")} className="planner-nav">
        <ul>
          <NavLinks
            links={[
              { to: "/provider", label: t("provider.nav.overview"), end: true },
              { to: "/provider/calendar", label: t("provider.nav.calendar") },
              { to: "/provider/sessions/new", label: t("provider.nav.newSession") },
              { to: "/provider/offerings", label: t("provider.nav.offerings") },
              { to: "/provider/availability", label: t("provider.nav.availability") },
              { to: "/provider/reports", label: t("reports.nav") },
            ]}
          />
        </ul>
      </nav>
      <Outlet />
    </div>
  );
}
