import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { titleMeta } from "~/components/page";
import { type Translate, useT } from "~/i18n";
import { requireRole } from "~/modules/accounts/guards.server";
import { seatStatusText } from "~/components/bookings/ui";
import { bookingList, type MyBookingItem } from "~/modules/bookings/my-bookings.server";
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
          {bookings.map((item) => (
            <BookingCard key={`${item.kind}-${item.id}`} item={item} t={t} locale={locale} />
          ))}
        </ul>
      )}
    </>
  );
}

type Item = MyBookingItem & { session: { startsAt: string; endsAt: string } };

/** One booking (with its attendees' names and statuses), or a session made from a request. */
function BookingCard({ item, t, locale }: { item: Item; t: Translate; locale: "nl" | "en" }) {
  const s = item.session;
  const href = item.kind === "booking" ? `/bookings/${item.id}` : `/sessions/${s.id}`;
  return (
    <li className={`card booking-card${item.kind === "request-session" ? " request-session-card" : ""}`}>
      <h2>
        <Link to={href}>{s.title}</Link>
      </h2>
      <p className="session-when">
        <time dateTime={s.startsAt}>{formatRange(new Date(s.startsAt), new Date(s.endsAt), locale)}</time>
      </p>
      <p className="meta">{s.providerName}</p>
      {s.status === "cancelled" || s.requestId ? (
        <p>
          {s.status === "cancelled" ? <span className="badge danger">{t("bookings.list.sessionCancelled")}</span> : null}{" "}
          {s.requestId ? <span className="badge">{t("bookings.list.fromRequest")}</span> : null}
        </p>
      ) : null}
      {item.kind === "booking" ? (
        <>
          <p className="seat-counts">
            <span className="badge ok">{t("bookings.count.confirmed", { n: item.counts.confirmed })}</span>{" "}
            <span className="badge warn">{t("bookings.count.waitlisted", { n: item.counts.waitlisted })}</span>{" "}
            <span className="badge">{t("bookings.count.cancelled", { n: item.counts.cancelled })}</span>
          </p>
          <ul className="plain-list attendee-names" aria-label={t("bookings.list.attendeesOf", { title: s.title })}>
            {item.attendees.map((a) => (
              <li key={a.id} data-seat-status={a.handedOverTo ? "handed-over" : a.status}>
                {a.name} — {seatStatusText(t, a)}
              </li>
            ))}
          </ul>
        </>
      ) : (
        <p className="request-session-none">{t("bookings.list.nobodyYet")}</p>
      )}
      {(item.kind === "request-session" && s.bookable) || s.requestId ? (
        <p className="row-actions">
          {item.kind === "request-session" && s.bookable ? <Link to={`/sessions/${s.id}/book`}>{t("bookings.list.register")}</Link> : null}
          {s.requestId ? <Link to={`/requests/${s.requestId}`}>{t("bookings.list.toRequest")}</Link> : null}
        </p>
      ) : null}
    </li>
  );
}
