import { type ActionFunctionArgs, data, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { ErrorSummary, TextField } from "~/components/accounts/form";
import { Notice } from "~/components/form";
import { DataTable, titleMeta } from "~/components/page";
import { localeFromRequest, type MessageKey, useT } from "~/i18n";
import {
  createUser,
  deactivateUser,
  getOrganisation,
  issuePasswordLink,
  reactivateUser,
} from "~/modules/accounts/admin.server";
import { roleForKind } from "~/modules/accounts/current-user";
import { notFoundUnless, requireRole } from "~/modules/accounts/guards.server";
import { createUserSchema, type FieldErrors, fieldErrors, formValues } from "~/modules/accounts/schemas";
import { MAX_EMAIL_DOMAINS, parseEmailDomains, setEmailDomains } from "~/modules/bookings/email-domains.server";
import { formatDate, formatTime } from "~/modules/time/brussels";
import { DomainError } from "~/utils/errors";
import { notFound } from "~/utils/http.server";
import { isUuid } from "~/utils/uuid";

export const meta: MetaFunction = ({ matches }) => titleMeta(matches, "accounts.admin.title");

// Accounts and one-time links: never cached, by the browser or anything in between.
export const headers: HeadersFunction = () => ({ "Cache-Control": "no-store" });

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, "admin");
  const organisation = isUuid(params.id) ? await getOrganisation({ id: params.id }) : null;
  notFoundUnless(organisation);
  return data(
    { organisation, created: new URL(request.url).searchParams.has("created") },
    { headers: { "Cache-Control": "no-store" } },
  );
}

type NoticeData = { key: MessageKey; vars?: Record<string, string>; error?: true };
type ActionResult = {
  notice?: NoticeData;
  link?: { url: string; name: string; until: string };
  fields?: FieldErrors;
  values?: Record<string, string>;
  /** The e-mail domains form: its text back, with the lines that are not a domain. */
  domains?: { text: string; badLines?: number[]; tooMany?: number };
};

/** One form per intent: add an account, deactivate, reactivate, issue a one-time link. */
export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireRole(request, "admin");
  if (!isUuid(params.id)) notFound();
  const organisationId = params.id.toLowerCase();
  const values = formValues(await request.formData());
  const locale = localeFromRequest(request);
  const now = new Date();
  const until = (d: Date) => `${formatDate(d, locale)} ${formatTime(d)}`;
  const noStore = { "Cache-Control": "no-store" };
  const userId = values.userId ?? "";
  try {
    switch (values.intent) {
      case "create-user": {
        const parsed = createUserSchema.safeParse(values);
        if (!parsed.success) return data<ActionResult>({ fields: fieldErrors(parsed.error), values }, 400);
        const user = await createUser({ actor, organisationId, ...parsed.data, now });
        const link = await issuePasswordLink({ actor, organisationId, userId: user.id, now });
        return data<ActionResult>(
          {
            notice: { key: "accounts.org.userCreated", vars: { name: parsed.data.name } },
            link: { url: link.url, name: link.name, until: until(link.expiresAt) },
          },
          { headers: noStore },
        );
      }
      case "email-domains": {
        const text = (values.emailDomains ?? "").slice(0, 20_000);
        const parsed = parseEmailDomains(text);
        if (parsed.errors.length > 0 || parsed.tooMany) {
          const domains = { text, badLines: parsed.errors.map((e) => e.line), ...(parsed.tooMany ? { tooMany: MAX_EMAIL_DOMAINS } : {}) };
          return data<ActionResult>({ domains }, 422);
        }
        await setEmailDomains({ actor, organisationId, domains: parsed.domains, now });
        return data<ActionResult>({ notice: { key: "accounts.org.domainsSaved" } });
      }
      case "password-link": {
        if (!isUuid(userId)) throw new DomainError("NOT_FOUND", "No such account.");
        const link = await issuePasswordLink({ actor, organisationId, userId, now });
        return data<ActionResult>({ link: { url: link.url, name: link.name, until: until(link.expiresAt) } }, { headers: noStore });
      }
      case "deactivate": {
        if (!isUuid(userId)) throw new DomainError("NOT_FOUND", "No such account.");
        const { name } = await deactivateUser({ actor, organisationId, userId, now });
        return data<ActionResult>({ notice: { key: "accounts.org.deactivated", vars: { name } } });
      }
      case "reactivate": {
        if (!isUuid(userId)) throw new DomainError("NOT_FOUND", "No such account.");
        const { name } = await reactivateUser({ actor, organisationId, userId, now });
        return data<ActionResult>({ notice: { key: "accounts.org.reactivated", vars: { name } } });
      }
      default:
        return data<ActionResult>({ notice: { key: "accounts.error.invalid", error: true } }, 400);
    }
  } catch (e) {
    if (!(e instanceof DomainError)) throw e;
    if (e.code === "VALIDATION_FAILED") return data<ActionResult>({ fields: (e.fields ?? {}) as FieldErrors, values }, 422);
    if (e.code === "NOT_FOUND" && values.intent === "create-user") notFound();
    if (e.code === "NOT_FOUND") return data<ActionResult>({ notice: { key: "accounts.org.userGone", error: true } }, 404);
    if (e.code === "INVALID_STATE") {
      const key = values.intent === "deactivate" ? "accounts.org.cannotDeactivateSelf" : "accounts.org.inactiveNoLink";
      return data<ActionResult>({ notice: { key, error: true } }, 409);
    }
    throw e;
  }
}

export default function OrganisationPage() {
  const { organisation, created } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useT();
  const fields = result?.fields ?? {};
  const values = result?.values ?? {};
  const role = roleForKind[organisation.kind];
  return (
    <>
      <p>
        <Link to="/admin">← {t("accounts.admin.back")}</Link>
      </p>
      <h1>{organisation.name}</h1>
      <dl className="details">
        <dt>{t("accounts.field.kind")}</dt>
        <dd>{t(`accounts.kind.${organisation.kind}`)}</dd>
        <dt>{t("accounts.org.slug")}</dt>
        <dd>
          <code>{organisation.slug}</code>
        </dd>
      </dl>
      {created && !result ? <Notice>{t("accounts.org.created")}</Notice> : null}
      {result?.notice ? (
        <Notice tone={result.notice.error ? "error" : "success"} role={result.notice.error ? "alert" : "status"}>
          {t(result.notice.key, result.notice.vars)}
        </Notice>
      ) : null}
      {result?.link ? (
        <Notice className="password-link">
          <p>{t("accounts.org.linkIssued", { name: result.link.name, until: result.link.until })}</p>
          <label htmlFor="password-link">{t("accounts.org.linkLabel")}</label>
          <input id="password-link" type="text" readOnly value={result.link.url} className="copy-field" />
        </Notice>
      ) : null}

      {organisation.kind === "municipality" ? (
        <>
          <h2 id="domains-title">{t("accounts.org.domains")}</h2>
          {result?.domains ? (
            <Notice tone="error" role="alert">
              {result.domains.tooMany
                ? t("accounts.org.domainsTooMany", { max: String(result.domains.tooMany) })
                : t("accounts.org.domainsInvalid", { lines: (result.domains.badLines ?? []).join(", ") })}
            </Notice>
          ) : null}
          <Form method="post" className="stack" noValidate aria-labelledby="domains-title">
            <input type="hidden" name="intent" value="email-domains" />
            <div className="field">
              <label htmlFor="emailDomains">{t("accounts.org.domainsLabel")}</label>
              <p className="hint" id="emailDomains-hint">
                {t("accounts.org.domainsHint")}
              </p>
              <textarea
                id="emailDomains"
                name="emailDomains"
                rows={4}
                spellCheck={false}
                aria-describedby="emailDomains-hint"
                aria-invalid={result?.domains ? true : undefined}
                defaultValue={result?.domains?.text ?? organisation.emailDomains.join("\n")}
              />
            </div>
            <div>
              <button type="submit" className="secondary">
                {t("accounts.org.domainsSubmit")}
              </button>
            </div>
          </Form>
        </>
      ) : null}

      <h2 id="users-title">{t("accounts.org.users")}</h2>
      {organisation.users.length === 0 ? (
        <p className="meta">{t("accounts.org.noUsers")}</p>
      ) : (
        <DataTable
          labelledBy="users-title"
          columns={[t("accounts.col.name"), t("accounts.col.email"), t("accounts.col.role"), t("accounts.col.status"), t("accounts.col.actions")]}
        >
          {organisation.users.map((u) => (
            <tr key={u.id}>
              <td>{u.name}</td>
              <td>{u.email}</td>
              <td>{t(`accounts.role.${u.role}`)}</td>
              <td>
                {u.active ? t("accounts.status.active") : t("accounts.status.inactive")}
                {u.active && !u.hasPassword ? <span className="meta"> ({t("accounts.status.noPassword")})</span> : null}
              </td>
              <td>
                <div className="row-actions">
                  {u.active ? (
                    <Form method="post">
                      <input type="hidden" name="intent" value="password-link" />
                      <input type="hidden" name="userId" value={u.id} />
                      <button type="submit" className="secondary">
                        {t("accounts.org.passwordLink")}
                        <span className="visually-hidden"> {t("accounts.org.passwordLinkFor", { name: u.name })}</span>
                      </button>
                    </Form>
                  ) : null}
                  <Form method="post">
                    <input type="hidden" name="intent" value={u.active ? "deactivate" : "reactivate"} />
                    <input type="hidden" name="userId" value={u.id} />
                    <button type="submit" className={u.active ? "danger" : "secondary"}>
                      {u.active ? t("accounts.org.deactivate") : t("accounts.org.reactivate")}
                      <span className="visually-hidden"> {u.name}</span>
                    </button>
                  </Form>
                </div>
              </td>
            </tr>
          ))}
        </DataTable>
      )}

      <h2 id="add-user-title">{t("accounts.org.addUser")}</h2>
      <p>{t("accounts.org.addUserHint", { role: t(`accounts.role.${role}`) })}</p>
      <ErrorSummary
        trigger={result?.fields ? result : undefined}
        errors={fields}
        labels={{ name: t("accounts.field.name"), email: t("accounts.field.email") }}
      />
      <Form method="post" className="stack" noValidate aria-labelledby="add-user-title" key={result?.link?.url ?? "add-user"}>
        <input type="hidden" name="intent" value="create-user" />
        <TextField name="name" label={t("accounts.field.name")} defaultValue={values.name} error={fields.name} required autoComplete="off" />
        <TextField
          name="email"
          type="email"
          label={t("accounts.field.email")}
          defaultValue={values.email}
          error={fields.email}
          required
          autoComplete="off"
        />
        <div>
          <button type="submit" className="primary">
            {t("accounts.org.addUserSubmit")}
          </button>
        </div>
      </Form>
    </>
  );
}
