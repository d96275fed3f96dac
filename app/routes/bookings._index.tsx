import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { titleMeta } from "~/components/page";
import { useT } from "~/i18n";
import { requireRole } from "~/modules/accounts/guards.server";
import { bookingList } from "~/modules/bookings/pages.server";
import { formatRange } from "~/modules/time/brussels";

export const meta: MetaFunction = ({ matches }) => titleMeta(matches, "bookings.list.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "coordinator");
  const when = new URL(request.url).searchParams.get("when") === "past" ? "past" : "upcoming";
  const bookings = await bookingList({ municipalityId: user.organisation.id, when, now: new Date() });
  return { when, bookings, municipality: user.organisation.name };
}

export default function Bookings() {
  const { when, bookings, municipality } = useLoaderData<typeof loader>();
  const { t, locale } = useT();
  const tabs = [
    { value: "upcoming", to: "/bookings", label: t("bookings.list.upcoming") },
    { value: "past", to: "/bookings?when=past", label: t("bookings.list.past") },
  ] as const;
  return (
    <>
      <h1>{t("bookings.list.title")}</h1>
      <p>{t("bookings.list.intro", { municipality })}</p>
      <nav aria-label={t("bookings.list.tabs")}>
        <ul className="tabs">
          {tabs.map((tab) => (
            <li key={tab.value}>
              <Link to={tab.to} aria-current={tab.value === when ? "page" : undefined} className="tab-link">
                {tab.label}
              </Link>
            </li>
          ))}
        </ul>
      </nav>

      {bookings.length === 0 ? (
        <div className="empty">
          <p>{when === "past" ? t("bookings.list.nonePast") : t("bookings.list.noneUpcoming")}</p>
          {when === "upcoming" ? (
            <p>
              <Link to="/">{t("bookings.list.toCatalog")}</Link>
            </p>
          ) : null}
        </div>
      ) : (
        <ul className="cards booking-cards">
          {bookings.map((b) => (
            <li key={b.id} className="card booking-card">
              <h2>
                <Link to={`/bookings/${b.id}`}>{b.session.title}</Link>
              </h2>
              <p className="session-when">
                <time dateTime={b.session.startsAt}>{formatRange(new Date(b.session.startsAt), new Date(b.session.endsAt), locale)}</time>
              </p>
              <p className="meta">{b.session.providerName}</p>
              {b.session.status === "cancelled" ? (
                <p>
                  <span className="badge danger">{t("bookings.list.sessionCancelled")}</span>
                </p>
              ) : null}
              <p className="seat-counts">
                <span className="badge ok">{t("bookings.count.confirmed", { n: b.counts.confirmed })}</span>{" "}
                <span className="badge warn">{t("bookings.count.waitlisted", { n: b.counts.waitlisted })}</span>{" "}
                <span className="badge">{t("bookings.count.cancelled", { n: b.counts.cancelled })}</span>
              </p>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
