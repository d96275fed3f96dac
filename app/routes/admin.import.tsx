import { type ActionFunctionArgs, data, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData } from "@remix-run/react";
import { Notice } from "~/components/form";
import { titleMeta } from "~/components/page";
import { useT } from "~/i18n";
import { requireRole } from "~/modules/accounts/guards.server";
import { applyImport, type ImportError, type ImportPlan, parseImportCsv, planImport } from "~/modules/accounts/import.server";
import { MAX_IMPORT_BYTES, MAX_IMPORT_ROWS } from "~/modules/accounts/import-limits";
import { DomainError } from "~/utils/errors";

export const meta: MetaFunction = ({ matches }) => titleMeta(matches, "import.title");
export const headers: HeadersFunction = () => ({ "Cache-Control": "no-store" });

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "admin");
  return null;
}

type ActionResult = {
  csv: string;
  tooLarge?: true;
  empty?: true;
  errors?: ImportError[];
  plan?: Omit<ImportPlan, "errors">;
  applied?: boolean;
  links?: { name: string; email: string; url: string }[];
};

const limits = { rows: String(MAX_IMPORT_ROWS), kb: String(MAX_IMPORT_BYTES / 1024) };

/** "dry-run" shows what would change and writes nothing; "apply" does it in one transaction. */
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
  const { newOrganisations, updatedOrganisations, newAccounts } = plan;
  if (intent === "dry-run") return data<ActionResult>({ csv, plan: { newOrganisations, updatedOrganisations, newAccounts } });
  try {
    const done = await applyImport({ actor, rows: parsed.rows, now: new Date() });
    return data<ActionResult>({
      csv: "",
      applied: true,
      plan: { newOrganisations: done.newOrganisations, updatedOrganisations: done.updatedOrganisations, newAccounts: done.newAccounts },
      links: done.links,
    });
  } catch (e) {
    // Something changed between the check and the import: show the new check.
    if (!(e instanceof DomainError) || e.code !== "VALIDATION_FAILED") throw e;
    const again = await planImport(parsed.rows);
    return data<ActionResult>({ csv, errors: again.errors }, 422);
  }
}

export default function AdminImport() {
  const result = useActionData<typeof action>();
  const { t } = useT();
  const plan = result?.plan;
  const changes = plan ? plan.newOrganisations.length + plan.updatedOrganisations.length + plan.newAccounts.length : 0;
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
      {result?.errors && result.errors.length > 0 ? (
        <Notice tone="error" role="alert" className="import-errors">
          <p>{t("import.errorsTitle")}</p>
          <ul>
            {result.errors.map((e) => (
              <li key={`${e.line}-${e.key}`}>{t("import.errorLine", { line: String(e.line), message: t(e.key) })}</li>
            ))}
          </ul>
        </Notice>
      ) : null}
      {plan ? (
        <section aria-labelledby="import-plan" className="import-plan">
          <h2 id="import-plan">{result?.applied ? t("import.doneTitle") : t("import.planTitle")}</h2>
          {changes === 0 ? <p>{t("import.nothing")}</p> : null}
          <p>{t("import.newOrganisations", { n: String(plan.newOrganisations.length) })}</p>
          <ul>
            {plan.newOrganisations.map((o) => (
              <li key={o.slug}>
                {o.name} (<code>{o.slug}</code>)
              </li>
            ))}
          </ul>
          <p>{t("import.updatedOrganisations", { n: String(plan.updatedOrganisations.length) })}</p>
          <ul>
            {plan.updatedOrganisations.map((o) => (
              <li key={o.slug}>
                {o.name} (<code>{o.slug}</code>)
              </li>
            ))}
          </ul>
          <p>{t("import.newAccounts", { n: String(plan.newAccounts.length) })}</p>
          <ul>
            {plan.newAccounts.map((a) => (
              <li key={a.email}>
                {a.name} &lt;{a.email}&gt; — <code>{a.slug}</code>
              </li>
            ))}
          </ul>
          {!result?.applied && changes > 0 ? (
            <Form method="post">
              <input type="hidden" name="intent" value="apply" />
              <input type="hidden" name="csv" value={result?.csv ?? ""} />
              <button type="submit" className="primary">
                {t("import.apply")}
              </button>
            </Form>
          ) : null}
        </section>
      ) : null}
      {result?.links && result.links.length > 0 ? (
        <Notice className="password-link">
          <p>{t("import.linksTitle")}</p>
          <ul>
            {result.links.map((l) => (
              <li key={l.email}>
                {l.name}: <input type="text" readOnly value={l.url} className="copy-field" aria-label={`${t("accounts.org.linkLabel")} ${l.name}`} />
              </li>
            ))}
          </ul>
        </Notice>
      ) : null}
      <Form method="post" encType="multipart/form-data" className="stack" key={result?.applied ? "done" : "import"}>
        <input type="hidden" name="intent" value="dry-run" />
        <div className="field">
          <label htmlFor="import-file">{t("import.file")}</label>
          <input id="import-file" type="file" name="file" accept=".csv,text/csv,text/plain" />
        </div>
        <div className="field">
          <label htmlFor="import-csv">{t("import.paste")}</label>
          <textarea id="import-csv" name="csv" rows={8} spellCheck={false} defaultValue={result?.applied ? "" : (result?.csv ?? "")} />
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
