import { type ActionFunctionArgs, data, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Notice } from "~/components/form";
import { titleMeta } from "~/components/page";
import { type MessageKey, useT } from "~/i18n";
import { requireRole } from "~/modules/accounts/guards.server";
import { subjectQuerySchema } from "~/modules/privacy/schemas";
import { eraseSubject, findSubject, type SubjectReport } from "~/modules/privacy/subjects.server";
import { DomainError } from "~/utils/errors";

export const meta: MetaFunction = ({ matches }) => titleMeta(matches, "privacy.admin.title");

// Personal data: never cached, by the browser or anything in between.
export const headers: HeadersFunction = () => ({ "Cache-Control": "no-store" });

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "admin");
  const url = new URL(request.url);
  const erased = url.searchParams.get("erased");
  const counts = erased && /^\d{1,6}-\d{1,6}-\d{1,6}$/.test(erased) ? erased.split("-").map(Number) : null;
  const raw = url.searchParams.get("email");
  if (raw === null) return data({ subject: null, invalid: false, email: "", counts }, { headers: { "Cache-Control": "no-store" } });
  const parsed = subjectQuerySchema.safeParse({ email: raw });
  if (!parsed.success) return data({ subject: null, invalid: true, email: raw.slice(0, 254), counts }, { headers: { "Cache-Control": "no-store" } });
  const subject = await findSubject({ email: parsed.data.email });
  return data({ subject, invalid: false, email: parsed.data.email, counts }, { headers: { "Cache-Control": "no-store" } });
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireRole(request, "admin");
  const form = await request.formData();
  const parsed = subjectQuerySchema.safeParse({ email: String(form.get("email") ?? "") });
  if (!parsed.success) return data({ error: "privacy.error.email" as MessageKey }, 400);
  if (form.get("confirm") !== "yes") return data({ error: "privacy.error.confirm" as MessageKey }, 400);
  try {
    const done = await eraseSubject({ email: parsed.data.email, actor: { userId: actor.id, organisationId: actor.organisation.id }, now: new Date() });
    // The address is not put in the URL: the notice shows counts only.
    return redirect(`/admin/privacy?erased=${done.seats}-${done.accounts}-${done.mails}`);
  } catch (e) {
    if (e instanceof DomainError && e.fields?.email) return data({ error: e.fields.email as MessageKey }, 409);
    throw e;
  }
}

const kinds = ["accounts", "seats", "bookings", "mails", "requests", "messages", "calendar", "audit"] as const;

function describe(kind: (typeof kinds)[number], row: Record<string, unknown>): string {
  const pick = (...keys: string[]) =>
    keys
      .map((k) => row[k])
      .filter((v) => v !== null && v !== undefined && v !== "")
      .map((v) => (typeof v === "object" ? JSON.stringify(v) : String(v)))
      .join(" · ");
  switch (kind) {
    case "accounts":
      return pick("name", "organisations", "active");
    case "seats":
      return pick("name", "sessionTitle", "sessionStartsAt", "status", "attendance", "municipality");
    case "bookings":
      return pick("sessionTitle", "createdAt", "seats");
    case "mails":
      return pick("topic", "createdAt", "sentAt");
    case "requests":
      return pick("kind", "status", "subject", "createdAt");
    case "messages":
      return pick("createdAt", "body");
    case "calendar":
      return pick("sessionTitle", "sessionStartsAt", "sequence", "stamp");
    case "audit":
      return pick("at", "action", "subjectType");
  }
}

export default function AdminPrivacy() {
  const { subject, invalid, email, counts } = useLoaderData<typeof loader>();
  const acted = useActionData<typeof action>();
  const { t } = useT();
  const report = subject as SubjectReport | null;
  const total = report ? kinds.reduce((n, k) => n + report[k].length, 0) : 0;
  return (
    <>
      <p>
        <Link to="/admin">← {t("nav.admin")}</Link>
      </p>
      <h1>{t("privacy.admin.title")}</h1>
      <p>{t("privacy.admin.intro")}</p>
      {counts ? <Notice>{t("privacy.admin.erased", { seats: counts[0]!, accounts: counts[1]!, mails: counts[2]! })}</Notice> : null}
      {acted?.error ? (
        <Notice tone="error" role="alert">
          {t(acted.error)}
        </Notice>
      ) : null}
      <Form method="get" className="stack">
        <label htmlFor="privacy-email">{t("privacy.admin.email")}</label>
        <input
          id="privacy-email"
          name="email"
          type="email"
          required
          maxLength={254}
          defaultValue={email}
          autoComplete="off"
          aria-invalid={invalid || undefined}
          aria-describedby={invalid ? "privacy-email-error" : undefined}
        />
        {invalid ? (
          <p id="privacy-email-error" className="field-error">
            {t("privacy.error.email")}
          </p>
        ) : null}
        <button type="submit">{t("privacy.admin.lookup")}</button>
      </Form>
      {report ? (
        <section aria-labelledby="subject-title">
          <h2 id="subject-title">{t("privacy.admin.summary", { email: report.email })}</h2>
          {total === 0 ? <p>{t("privacy.admin.nothing")}</p> : null}
          {report.truncated.length > 0 ? <p className="meta">{t("privacy.admin.truncated")}</p> : null}
          {kinds.map((kind) => (
            <section key={kind} aria-labelledby={`kind-${kind}`}>
              <h3 id={`kind-${kind}`}>
                {t(`privacy.admin.${kind}`)} <span className="meta">({report[kind].length})</span>
              </h3>
              {report[kind].length > 0 ? (
                <ul>
                  {report[kind].slice(0, 50).map((row) => (
                    <li key={String(row.id)}>{describe(kind, row)}</li>
                  ))}
                </ul>
              ) : null}
            </section>
          ))}
          <p>
            <a href={`/admin/privacy/export.json?email=${encodeURIComponent(report.email)}`} download>
              {t("privacy.admin.export")}
            </a>
          </p>
          {total > 0 ? (
            <Form method="post" className="stack danger-zone" aria-labelledby="erase-title">
              <h3 id="erase-title">{t("privacy.admin.eraseTitle")}</h3>
              <p>{t("privacy.admin.eraseBody")}</p>
              <input type="hidden" name="email" value={report.email} />
              <label>
                <input type="checkbox" name="confirm" value="yes" required /> {t("privacy.admin.confirm")}
              </label>
              <button type="submit" className="danger">
                {t("privacy.admin.erase")}
              </button>
            </Form>
          ) : null}
        </section>
      ) : null}
    </>
  );
}
