import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { isLocale, localeFromRequest, translator, useT } from "~/i18n";
import { verifyCertificate } from "~/modules/certificates/certificates.server";
import { formatDate } from "~/modules/time/brussels";

export const meta: MetaFunction = ({ matches }) => {
  const root = matches.find((m) => m.id === "root")?.data as { locale?: unknown } | undefined;
  const t = translator(isLocale(root?.locale) ? root.locale : "nl");
  return [{ title: `${t("certificates.verify.title")} — Expertenpool` }, { name: "robots", content: "noindex" }];
};

/** /verify/<code>: is this certificate genuine? For whoever received the certificate, in the visitor's language (Dutch by default). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const v = await verifyCertificate({ code: params.code ?? "" });
  if (!v.genuine) return { genuine: false as const, code: (params.code ?? "").slice(0, 40) };
  const locale = localeFromRequest(request);
  return {
    genuine: true as const,
    code: v.code,
    name: v.name,
    title: v.title,
    provider: v.provider,
    date: formatDate(v.startsAt, locale),
    hours: new Intl.NumberFormat(locale === "nl" ? "nl-BE" : "en", { maximumFractionDigits: 1 }).format(v.hours),
    stillValid: v.stillValid,
  };
}

export default function VerifyCertificate() {
  const v = useLoaderData<typeof loader>();
  const { t } = useT();
  return (
    <div>
      <h1>{t("certificates.verify.title")}</h1>
      {!v.genuine ? (
        <p className="form-error" role="alert">
          {t("certificates.verify.notFound")} <code>{v.code}</code>
          {t("certificates.verify.notFoundHint")}
        </p>
      ) : v.stillValid ? (
        <>
          <p className="notice" role="status">
            {t("certificates.verify.genuine")}
          </p>
          <dl>
            <dt>{t("certificates.verify.attendee")}</dt>
            <dd>{v.name}</dd>
            <dt>{t("certificates.verify.session")}</dt>
            <dd>{v.title}</dd>
            <dt>{t("certificates.verify.provider")}</dt>
            <dd>{v.provider}</dd>
            <dt>{t("certificates.verify.date")}</dt>
            <dd>{v.date}</dd>
            <dt>{t("certificates.verify.duration")}</dt>
            <dd>{t("certificates.verify.hours", { hours: v.hours })}</dd>
            <dt>{t("certificates.verify.code")}</dt>
            <dd>
              <code>{v.code}</code>
            </dd>
          </dl>
        </>
      ) : (
        <p className="form-error" role="alert">
          {t("certificates.verify.revokedBefore")}
          <code>{v.code}</code>
          {t("certificates.verify.revokedAfter")}
        </p>
      )}
    </div>
  );
}
