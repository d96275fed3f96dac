import type { HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useRevalidator } from "@remix-run/react";
import { useEffect } from "react";
import { ImportErrors } from "~/components/accounts/import-errors";
import { titleMeta } from "~/components/page";
import { useT } from "~/i18n";
import { notFoundUnless, requireRole } from "~/modules/accounts/guards.server";
import { readImportJob } from "~/modules/accounts/import-jobs.server";
import { formatDate, formatTime } from "~/modules/time/brussels";
import { isUuid } from "~/utils/uuid";

/**
 * While the import runs, the page reads the job again every few seconds and its status line
 * says how far it is. Not a `<meta http-equiv="refresh">`: a page that reloads itself on a
 * timer fails WCAG 2.2.1 (axe "meta-refresh", #12). Without JavaScript, a link reloads it.
 */
const REFRESH_SECONDS = 3;

export const meta: MetaFunction<typeof loader> = ({ matches }) => titleMeta(matches, "import.job.title");
export const headers: HeadersFunction = () => ({ "Cache-Control": "no-store" });

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, "admin");
  const job = isUuid(params.id) ? await readImportJob(params.id) : null;
  notFoundUnless(job);
  return { job };
}

export default function AdminImportJob() {
  const { job } = useLoaderData<typeof loader>();
  const { t, locale } = useT();
  const when = (iso: string) => `${formatDate(new Date(iso), locale)} ${formatTime(new Date(iso))}`;
  const progress = t("import.job.progress", { done: String(job.done), total: String(job.total) });
  const { revalidate } = useRevalidator();
  useEffect(() => {
    if (job.status !== "running") return;
    const timer = setTimeout(revalidate, REFRESH_SECONDS * 1000);
    return () => clearTimeout(timer);
  }, [job, revalidate]);
  return (
    <>
      <p>
        <Link to="/admin/import">← {t("import.title")}</Link>
      </p>
      <h1>{t("import.job.title")}</h1>
      <p className="meta">{t("import.job.started", { when: when(job.createdAt) })}</p>
      <div className="import-progress">
        <progress value={job.done} max={Math.max(job.total, 1)} aria-label={progress} />
        <p role="status" className="import-progress-text">
          {progress}
        </p>
      </div>
      {job.status === "running" ? (
        <p className="import-running">
          {`${t("import.job.running")} `}
          <a href={`/admin/import/${job.id}`}>{t("import.job.refresh")}</a>
        </p>
      ) : (
        <section aria-labelledby="import-result" className="import-result">
          <h2 id="import-result">{t("import.job.done", { total: String(job.total) })}</h2>
          {job.finishedAt ? <p className="meta">{t("import.job.finished", { when: when(job.finishedAt) })}</p> : null}
          <ul>
            <li>{t("import.newOrganisations", { n: String(job.newOrganisations) })}</li>
            <li>{t("import.updatedOrganisations", { n: String(job.updatedOrganisations) })}</li>
            <li>{t("import.newAccounts", { n: String(job.newAccounts) })}</li>
          </ul>
          <p>
            <Link to="/admin/import">{t("import.job.again")}</Link>
          </p>
        </section>
      )}
      <ImportErrors errors={job.errors} title="import.job.errorsTitle" />
    </>
  );
}
