/** Small presentational pieces shared by the public catalog pages. */

import type { MetaDescriptor } from "@remix-run/node";
import { Link } from "@remix-run/react";
import { isLocale, type Locale, type Translate, translator, useT } from "~/i18n";
import type { SessionJson } from "~/modules/catalog/schemas";
import { requestLink } from "~/modules/requests/kinds";
import type { RequestKindValue } from "~/modules/requests/schemas";
import { formatRange } from "~/modules/time/brussels";
import { LinkCard } from "../page";
import { WithPhoneLinks } from "../phone";
import { FormatLine } from "./format-line";

/** "Nog 3 plaatsen vrij" / "Volzet — wachtlijst" / "Geannuleerd", as a badge. */
/** The "private" badge (after another one) of a session that only its municipality can book. */
export function PrivateBadge({ session }: { session: Pick<SessionJson, "visibility"> }) {
  const { t } = useT();
  if (session.visibility !== "private") return null;
  return (
    <>
      {" "}
      <span className="badge">{t("catalog.session.private")}</span>
    </>
  );
}

export function SeatsBadge({ session }: { session: Pick<SessionJson, "seatsAvailable" | "status"> }) {
  const { t } = useT();
  if (session.status === "cancelled") return <span className="badge danger">{t("catalog.session.cancelled")}</span>;
  if (session.seatsAvailable <= 0) return <span className="badge warn">{t("catalog.session.full")}</span>;
  const text =
    session.seatsAvailable === 1 ? t("catalog.session.seatLeft") : t("catalog.session.seatsLeft", { n: session.seatsAvailable });
  return <span className={session.seatsAvailable <= 3 ? "badge warn" : "badge ok"}>{text}</span>;
}

export function placeOf(t: Translate, session: Pick<SessionJson, "location" | "deliveryMode">): string {
  const place = [session.location?.name, session.location?.address].filter(Boolean).join(", ");
  if (!place) return t("catalog.session.online");
  return session.deliveryMode === "hybrid" ? `${place} (${t("catalog.deliveryMode.hybrid")})` : place;
}

export function SessionCard({ session, headingLevel = 3, moreDates = 0 }: { session: SessionJson; headingLevel?: 2 | 3; moreDates?: number }) {
  const { t, tp, locale } = useT();
  const Heading = headingLevel === 2 ? "h2" : "h3";
  return (
    <LinkCard to={`/sessions/${session.id}`} title={session.title} heading={Heading} className="session-card">
      <p className="meta">
        <Link to={`/providers/${session.provider.slug}`}>{session.provider.name}</Link>
        {" · "}
        {t(`catalog.format.${session.format}`)}
      </p>
      <FormatLine format={session.format} />
      <p className="session-when">
        <time dateTime={session.startsAt}>{formatRange(new Date(session.startsAt), new Date(session.endsAt), locale)}</time>
      </p>
      {moreDates > 0 ? (
        <p className="more-dates">
          <Link to={`/offerings/${session.offeringId}`}>{tp("catalog.search.moreDates", moreDates)}</Link>
        </p>
      ) : null}
      <p className="meta">{placeOf(t, session)}</p>
      <p>
        <SeatsBadge session={session} />
        <PrivateBadge session={session} />
      </p>
    </LinkCard>
  );
}

/** Free text with blank lines between paragraphs. */
export function Paragraphs({ text }: { text: string }) {
  const parts = text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean);
  return (
    <>
      {parts.map((p, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: static text, order never changes
        <p key={i}>
          <WithPhoneLinks text={p} />
        </p>
      ))}
    </>
  );
}

/** `<title>` for a catalog page, in the visitor's language: "<page> — Expertenpool". */
export function pageMeta(
  matches: readonly { id: string; data?: unknown }[],
  title: string | ((t: Translate) => string),
): MetaDescriptor[] {
  const root = matches.find((m) => m.id === "root")?.data as { locale?: Locale } | undefined;
  const t = translator(isLocale(root?.locale) ? root.locale : "nl");
  const text = typeof title === "string" ? title : title(t);
  return [{ title: `${text} — ${t("site.name")}` }];
}

/**
 * "Aanvragen": the request form prefilled with provider, offering and kind. Shown to
 * coordinators and to visitors (who log in first); planners and operators don't request.
 */
export function RequestButton({
  providerSlug,
  offering,
  role,
  label,
}: {
  providerSlug: string;
  offering?: { id: string; title: string; format: string; requestKind?: RequestKindValue | null };
  role: string | null;
  label?: string;
}) {
  const { t } = useT();
  if (role === "provider" || role === "admin") return null;
  return (
    <Link to={requestLink(providerSlug, offering)} className="button request-button">
      {label ?? t("catalog.offering.request")}
      {offering && !label ? <span className="visually-hidden">: {offering.title}</span> : null}
    </Link>
  );
}

