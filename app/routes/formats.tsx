/** What every format means (#12): the line the catalog cards show, and a longer explanation. */
import type { MetaFunction } from "@remix-run/node";
import { Link } from "@remix-run/react";
import { pageMeta } from "~/components/catalog/catalog-ui";
import { EXPLAINED, formatLineKey, formatLongKey, formatNameKey } from "~/components/catalog/format-line";
import { useT } from "~/i18n";

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, (t) => t("formats.title"));

export default function Formats() {
  const { t } = useT();
  return (
    <>
      <h1>{t("formats.title")}</h1>
      <p>{t("formats.intro")}</p>
      {EXPLAINED.map((format) => (
        <section key={format} id={format} aria-labelledby={`format-${format}`} className="format-explained">
          <h2 id={`format-${format}`}>{t(formatNameKey(format))}</h2>
          <p className="lead">{t(formatLineKey(format))}</p>
          <p>{t(formatLongKey(format))}</p>
          {format === "helpdesk" ? null : (
            <p>
              <Link to={`/?${new URLSearchParams({ format })}`}>{t("formats.sessionsLink", { name: t(formatNameKey(format)) })}</Link>
            </p>
          )}
        </section>
      ))}
    </>
  );
}
