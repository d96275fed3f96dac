/** Evaluation results per offering and per session: counts always, averages and comments from 3 answers on. */
import { DataTable } from "~/components/page";
import { useT } from "~/i18n";
import { formatDate } from "~/modules/time/brussels";

type Summary = {
  responses: number;
  averages: { usefulness: number | null; trainer: number | null } | null;
  comments: { question: "willUse" | "missing"; text: string }[];
};
type Row = { id: string; title: string; providerName: string; startsAt: string | Date | null; summary: Summary };

export function EvaluationsSection({ offerings, sessions, showProvider }: { offerings: Row[]; sessions: Row[]; showProvider: boolean }) {
  const { t, locale } = useT();
  const avg = (v: number | null | undefined) => (v == null ? "–" : new Intl.NumberFormat(locale === "nl" ? "nl-BE" : "en-GB", { minimumFractionDigits: 1 }).format(v));
  const columns = (first: string) => [
    first,
    showProvider && t("evaluations.col.provider"),
    t("evaluations.col.responses"),
    t("evaluations.col.usefulness"),
    t("evaluations.col.trainer"),
    t("evaluations.col.comments"),
  ];
  const cells = (r: Row) => (
    <>
      {showProvider ? <td>{r.providerName}</td> : null}
      <td className="num">{r.summary.responses}</td>
      <td className="num">{r.summary.averages ? avg(r.summary.averages.usefulness) : t("evaluations.tooFew")}</td>
      <td className="num">{r.summary.averages ? avg(r.summary.averages.trainer) : t("evaluations.tooFew")}</td>
      <td>
        {r.summary.comments.length ? (
          <ul className="plain-list">
            {r.summary.comments.map((c, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: comments have no identity (anonymous)
              <li key={i}>
                <span className="meta">{t(c.question === "willUse" ? "evaluations.willUse" : "evaluations.missing")}:</span> {c.text}
              </li>
            ))}
          </ul>
        ) : null}
      </td>
    </>
  );
  return (
    <section aria-labelledby="evaluations-title">
      <h2 id="evaluations-title">{t("evaluations.title")}</h2>
      <p className="hint">{t("evaluations.intro")}</p>
      {offerings.length === 0 ? (
        <p className="meta">{t("evaluations.none")}</p>
      ) : (
        <>
          <h3 id="evaluations-offerings">{t("evaluations.perOffering")}</h3>
          <DataTable labelledBy="evaluations-offerings" columns={columns(t("evaluations.col.offering"))}>
            {offerings.map((o) => (
              <tr key={o.id}>
                <th scope="row">{o.title}</th>
                {cells(o)}
              </tr>
            ))}
          </DataTable>
          <h3 id="evaluations-sessions">{t("evaluations.perSession")}</h3>
          <DataTable labelledBy="evaluations-sessions" columns={columns(t("evaluations.col.session"))}>
            {sessions.map((s) => (
              <tr key={s.id}>
                <th scope="row">
                  {s.title}
                  {s.startsAt ? <span className="meta"> — {formatDate(new Date(s.startsAt), locale)}</span> : null}
                </th>
                {cells(s)}
              </tr>
            ))}
          </DataTable>
        </>
      )}
    </section>
  );
}
