/** Parts of every page: its <title>, the link back, a data table, a date and time in words. */
import type { MetaArgs } from "@remix-run/react";
import { Link } from "@remix-run/react";
import type { ReactNode } from "react";
import { isLocale, type MessageKey, translator } from "~/i18n";
import { formatDate, formatTime, type Locale } from "~/modules/time/brussels";

/**
 * "<page> — Expertenpool" (or "<title> — <page> — Expertenpool") in the visitor's language;
 * the locale comes from the root loader.
 */
export function titleMeta(matches: MetaArgs["matches"], key: MessageKey, title?: string) {
  const root = matches.find((m) => m.id === "root")?.data as { locale?: unknown } | undefined;
  const t = translator(isLocale(root?.locale) ? root.locale : "nl");
  return [{ title: `${title ? `${title} — ` : ""}${t(key)} — Expertenpool` }];
}

export function BackLink({ to, children }: { to: string; children: ReactNode }) {
  return (
    <p className="back-link">
      <Link to={to}>← {children}</Link>
    </p>
  );
}

/** A card in a list of cards: its heading links to the thing; the rest of the card follows. */
export function LinkCard({
  to,
  title,
  heading: Heading,
  className,
  children,
}: {
  to: string;
  title: ReactNode;
  heading: "h2" | "h3" | "h4";
  className?: string;
  children?: ReactNode;
}) {
  return (
    <li className={className ? `card ${className}` : "card"}>
      <Heading>
        <Link to={to}>{title}</Link>
      </Heading>
      {children}
    </li>
  );
}

/** A list in a table cell, or a muted word ("none") when there is nothing to list; `more` goes last in the list. */
export function CellList<T extends { id: string }>({
  items,
  none,
  item,
  more,
}: {
  items: readonly T[];
  none: ReactNode;
  item: (x: T) => ReactNode;
  more?: ReactNode;
}) {
  if (items.length === 0) return <span className="meta">{none}</span>;
  return (
    <ul className="plain-list">
      {items.map((x) => (
        <li key={x.id}>{item(x)}</li>
      ))}
      {more}
    </ul>
  );
}

/** A section named by its heading (aria-labelledby points at the heading's id). */
export function TitledSection({ id, title, className, children }: { id: string; title: ReactNode; className?: string; children: ReactNode }) {
  return (
    <section aria-labelledby={id} className={className}>
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  );
}

/**
 * A table that scrolls sideways on a narrow screen, with a header row of column
 * headings (a null or false column is left out) and the rows as children.
 */
export function DataTable({
  columns,
  caption,
  hiddenCaption,
  className,
  labelledBy,
  children,
}: {
  columns: (ReactNode | false)[];
  caption?: ReactNode;
  /** The caption is for screen readers only (the page's heading already says it). */
  hiddenCaption?: boolean;
  className?: string;
  labelledBy?: string;
  children: ReactNode;
}) {
  // A wide table scrolls inside its box on a phone: the box is focusable so that the keyboard can scroll it too.
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard (WCAG 2.1.1)
    <div className="table-wrap" tabIndex={0}>
      <table className={className} aria-labelledby={labelledBy}>
        {caption ? <caption className={hiddenCaption ? "visually-hidden" : undefined}>{caption}</caption> : null}
        <thead>
          <tr>
            {columns
              .filter((c) => c !== null && c !== false)
              .map((c, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: the columns are fixed positions
                <th key={i} scope="col">
                  {c}
                </th>
              ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}

/** "dinsdag 30 maart 2027, 14:00" in Brussels time. */
export function dateTimeText(iso: string, locale: Locale): string {
  const d = new Date(iso);
  return `${formatDate(d, locale)}, ${formatTime(d)}`;
}
