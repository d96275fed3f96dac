/** What a format means, in one line (#12): the same text on every catalog card and on the formats page. */
import { type MessageKey, useT } from "~/i18n";
import { FORMATS } from "~/modules/catalog/constants";

/** The formats page explains the catalog's formats and the helpdesk (a request kind, not a format). */
export const EXPLAINED = [...FORMATS, "helpdesk"] as const;
export type Explained = (typeof EXPLAINED)[number];

export const formatNameKey = (format: Explained): MessageKey => (format === "helpdesk" ? "formats.name.helpdesk" : `catalog.format.${format}`);
export const formatLineKey = (format: Explained): MessageKey => `formats.line.${format}`;
export const formatLongKey = (format: Explained): MessageKey => `formats.long.${format}`;

/** The helpdesk is explained as such; every other offering by its format. */
export const explainedAs = (o: { format: (typeof FORMATS)[number]; requestKind?: string | null }): Explained =>
  o.requestKind === "helpdesk" ? "helpdesk" : o.format;

/** The one line under a card's provider and format. */
export function FormatLine({ format }: { format: Explained }) {
  const { t } = useT();
  return <p className="format-line">{t(formatLineKey(format))}</p>;
}
