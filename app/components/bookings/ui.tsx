/** Presentational parts of the booking pages (coordinator and provider side). */
import type { ReactNode } from "react";
import { type Translate, useT } from "~/i18n";
import type { SessionSummary } from "~/modules/bookings/form";
import { formatRange } from "~/modules/time/brussels";
import { formParts } from "../form";
import { dateTimeText } from "../page";

/** The booking forms' parts: field ids "f-attendees-0-email". */
export const { fieldId, fieldAria, ErrorText, TextField, ErrorSummary } = formParts({ idPrefix: "f", summary: "bookings.error.summary" });

type SeatLike = { status: string; waitlistPosition: number | null; handedOverTo?: string | null };

/** Bevestigd / Wachtlijst (plaats n) / Geannuleerd / Doorgegeven aan … — a word, never only a colour. */
export function seatStatusText(t: Translate, seat: SeatLike): string {
  if (seat.status === "confirmed") return t("bookings.status.confirmed");
  if (seat.status === "waitlisted") {
    return seat.waitlistPosition ? t("bookings.status.waitlistedAt", { n: seat.waitlistPosition }) : t("bookings.status.waitlisted");
  }
  return seat.handedOverTo ? t("bookings.status.handedOver", { name: seat.handedOverTo }) : t("bookings.status.cancelled");
}

export function SeatStatus({ seat }: { seat: SeatLike }) {
  const { t } = useT();
  const handedOver = seat.status === "cancelled" && Boolean(seat.handedOverTo);
  // A hand-over is no loss: a neutral badge, not the red of a cancellation.
  const tone = seat.status === "confirmed" ? "ok" : seat.status === "waitlisted" ? "warn" : handedOver ? null : "danger";
  const className = ["badge", tone, "seat-status", `seat-${handedOver ? "handed-over" : seat.status}`].filter(Boolean).join(" ");
  return <span className={className}>{seatStatusText(t, seat)}</span>;
}

export function placeText(t: Translate, s: Pick<SessionSummary, "locationName" | "locationAddress" | "deliveryMode">): string {
  const place = [s.locationName, s.locationAddress].filter(Boolean).join(", ");
  if (!place || s.deliveryMode === "online") return t("bookings.session.online");
  return s.deliveryMode === "hybrid" ? t("bookings.session.hybrid", { place }) : place;
}

export function seatsText(t: Translate, s: Pick<SessionSummary, "capacity" | "seatsTaken">): string {
  const left = Math.max(0, s.capacity - s.seatsTaken);
  if (left === 0) return t("bookings.session.full", { capacity: s.capacity });
  if (left === 1) return t("bookings.session.seatLeft", { capacity: s.capacity });
  return t("bookings.session.seatsLeft", { n: left, capacity: s.capacity });
}

export function waitlistText(t: Translate, n: number): string {
  if (n === 0) return t("bookings.session.waitlistNone");
  return n === 1 ? t("bookings.session.waitlistOne") : t("bookings.session.waitlistMany", { n });
}

/** The session's when / where / seats / waitlist / deadline, as a description list. */
export function SessionFacts({ session, children }: { session: SessionSummary; children?: ReactNode }) {
  const { t, locale } = useT();
  const cancelled = session.status === "cancelled";
  return (
    <dl className="details session-facts">
      <dt>{t("bookings.session.when")}</dt>
      <dd>
        <time dateTime={session.startsAt}>{formatRange(new Date(session.startsAt), new Date(session.endsAt), locale)}</time>
        <br />
        <span className="meta">{t("bookings.timesNote")}</span>
      </dd>
      <dt>{t("bookings.session.where")}</dt>
      <dd>{placeText(t, session)}</dd>
      <dt>{t("bookings.session.provider")}</dt>
      <dd>{session.providerName}</dd>
      {cancelled ? null : (
        <>
          <dt>{t("bookings.session.seats")}</dt>
          <dd>{seatsText(t, session)}</dd>
          <dt>{t("bookings.session.waitlist")}</dt>
          <dd>{waitlistText(t, session.waitlistCount)}</dd>
          <dt>{t("bookings.session.deadline")}</dt>
          <dd>
            <time dateTime={session.bookingDeadline}>{dateTimeText(session.bookingDeadline, locale)}</time>
          </dd>
        </>
      )}
      {children}
    </dl>
  );
}
