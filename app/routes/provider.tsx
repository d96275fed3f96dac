import type { LoaderFunctionArgs } from "@remix-run/node";
import { NavLink, Outlet } from "@remix-run/react";
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
          <li>
            <NavLink to="/provider" end>
              {t("provider.nav.overview")}
            </NavLink>
          </li>
          <li>
            <NavLink to="/provider/calendar">{t("provider.nav.calendar")}</NavLink>
          </li>
          <li>
            <NavLink to="/provider/sessions/new">{t("provider.nav.newSession")}</NavLink>
          </li>
          <li>
            <NavLink to="/provider/offerings">{t("provider.nav.offerings")}</NavLink>
          </li>
          <li>
            <NavLink to="/provider/availability">{t("provider.nav.availability")}</NavLink>
          </li>
          <li>
            <NavLink to="/provider/reports">{t("reports.nav")}</NavLink>
          </li>

        </ul>
      </nav>
      <Outlet />
    </div>
  );
}
