import { type ActionFunctionArgs, data, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Form, Link, useActionData } from "@remix-run/react";
import type { ReactNode } from "react";
import { ImportErrors } from "~/components/accounts/import-errors";
import { Notice } from "~/components/form";
import { titleMeta } from "~/components/page";
import { useT } from "~/i18n";
import { requireRole } from "~/modules/accounts/guards.server";
import { type ImportError, type ImportPlan, parseImportCsv, planImport } from "~/modules/accounts/import.server";
import { startImportJob } from "~/modules/accounts/import-jobs.server";
import { MAX_IMPORT_BYTES, MAX_IMPORT_ROWS } from "~/modules/accounts/import-limits";

export const meta: MetaFunction = ({ matches }) => titleMeta(matches, "import.title");
export const headers: HeadersFunction = () => ({ "Cache-Control": "no-store" });

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "admin");
  return null;
}

/** The dry run's lists show this many rows each (the counts are complete). */
const SHOWN = 100;

type Listed<T> = { shown: T[]; count: number };
type ActionResult = {
  csv: string;
  tooLarge?: true;
  empty?: true;
  errors?: ImportError[];
  plan?: {
    newOrganisations: Listed<ImportPlan["newOrganisations"][number]>;
    updatedOrganisations: Listed<ImportPlan["updatedOrganisations"][number]>;
    newAccounts: Listed<ImportPlan["newAccounts"][number]>;
  };
};

const listed = <T,>(items: T[]): Listed<T> => ({ shown: items.slice(0, SHOWN), count: items.length });

const limits = { rows: String(MAX_IMPORT_ROWS), kb: String(MAX_IMPORT_BYTES / 1024) };

/**
 * "dry-run" shows what would change and writes nothing; "apply" checks the file again and
 * hands it to the worker as an import job (ADR 0062), whose progress page it redirects to.
 */
export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireRole(request, "admin");
  const form = await request.formData();
  const intent = form.get("intent") === "apply" ? "apply" : "dry-run";
  const file = form.get("file");
  const pasted = form.get("csv");
  let csv = typeof pasted === "string" ? pasted : "";
  if (file && typeof file !== "string" && file.size > 0) {
    if (file.size > MAX_IMPORT_BYTES) return data<ActionResult>({ csv: "", tooLarge: true }, 413);
    csv = await file.text();
  }
  if (csv.length > MAX_IMPORT_BYTES) return data<ActionResult>({ csv: "", tooLarge: true }, 413);
  if (csv.trim() === "") return data<ActionResult>({ csv, empty: true }, 400);
  const parsed = parseImportCsv(csv);
  if (parsed.tooLarge) return data<ActionResult>({ csv: "", tooLarge: true }, 413);
  const plan = await planImport(parsed.rows);
  const errors = [...parsed.errors, ...plan.errors].sort((a, b) => a.line - b.line);
  if (errors.length > 0) return data<ActionResult>({ csv, errors }, 422);
  if (intent === "apply") {
    const id = await startImportJob({ actorId: actor.id, rows: parsed.rows, now: new Date() });
    return redirect(`/admin/import/${id}`, 303);
  }
  return data<ActionResult>({
    csv,
    plan: { newOrganisations: listed(plan.newOrganisations), updatedOrganisations: listed(plan.updatedOrganisations), newAccounts: listed(plan.newAccounts) },
  });
}

/** One list of the dry run: how many, the rows shown, and "… and 12 more" when it was cut at SHOWN rows. */
function PlanList<T>({
  title,
  list,
  keyOf,
  row,
}: {
  title: "import.newOrganisations" | "import.updatedOrganisations" | "import.newAccounts";
  list: Listed<T>;
  keyOf: (item: T) => string;
  row: (item: T) => ReactNode;
}) {
  const { t } = useT();
  return (
    <>
      <p>{t(title, { n: String(list.count) })}</p>
      <ul>
        {list.shown.map((item) => (
          <li key={keyOf(item)}>{row(item)}</li>
        ))}
      </ul>
      {list.count > list.shown.length ? <p>{t("import.more", { n: String(list.count - list.shown.length) })}</p> : null}
    </>
  );
}

const organisationRow = (o: { name: string; slug: string }) => (
  <>
    {o.name} (<code>{o.slug}</code>)
  </>
);

export default function AdminImport() {
  const result = useActionData<typeof action>();
  const { t } = useT();
  const plan = result?.plan;
  const changes = plan ? plan.newOrganisations.count + plan.updatedOrganisations.count + plan.newAccounts.count : 0;
  return (
    <>
      <p>
        <Link to="/admin">← {t("accounts.admin.back")}</Link>
      </p>
      <h1>{t("import.title")}</h1>
      <p>{t("import.intro", limits)}</p>
      {result?.tooLarge ? (
        <Notice tone="error" role="alert">
          {t("import.tooLarge", limits)}
        </Notice>
      ) : null}
      {result?.empty ? (
        <Notice tone="error" role="alert">
          {t("import.empty")}
        </Notice>
      ) : null}
      {result?.errors ? <ImportErrors errors={result.errors} title="import.errorsTitle" role="alert" /> : null}
      {plan ? (
        <section aria-labelledby="import-plan" className="import-plan">
          <h2 id="import-plan">{t("import.planTitle")}</h2>
          {changes === 0 ? <p>{t("import.nothing")}</p> : null}
          <PlanList title="import.newOrganisations" list={plan.newOrganisations} keyOf={(o) => o.slug} row={organisationRow} />
          <PlanList title="import.updatedOrganisations" list={plan.updatedOrganisations} keyOf={(o) => o.slug} row={organisationRow} />
          <PlanList
            title="import.newAccounts"
            list={plan.newAccounts}
            keyOf={(a) => a.email}
            row={(a) => (
              <>
                {a.name} &lt;{a.email}&gt; — <code>{a.slug}</code>
              </>
            )}
          />
          {changes > 0 ? (
            // A document load: the progress page's refresh then works as it does without JavaScript.
            <Form method="post" encType="multipart/form-data" reloadDocument>
              <input type="hidden" name="intent" value="apply" />
              <input type="hidden" name="csv" value={result?.csv ?? ""} />
              <p>{t("import.applyHint")}</p>
              <button type="submit" className="primary">
                {t("import.apply")}
              </button>
            </Form>
          ) : null}
        </section>
      ) : null}
      <Form method="post" encType="multipart/form-data" className="stack">
        <input type="hidden" name="intent" value="dry-run" />
        <div className="field">
          <label htmlFor="import-file">{t("import.file")}</label>
          <input id="import-file" type="file" name="file" accept=".csv,text/csv,text/plain" />
        </div>
        <div className="field">
          <label htmlFor="import-csv">{t("import.paste")}</label>
          <textarea id="import-csv" name="csv" rows={8} spellCheck={false} defaultValue={result?.csv ?? ""} />
        </div>
        <div>
          <button type="submit" className="secondary">
            {t("import.dryRun")}
          </button>
        </div>
      </Form>
    </>
  );
}
