import { type ActionFunctionArgs, data, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { useLoaderData, useNavigation } from "@remix-run/react";
import { IntentButton } from "~/components/form";
import { isLocale, translator, useT } from "~/i18n";
import { requireUser } from "~/modules/accounts/guards.server";
import { calendarSecretOf, feedLinks, renewCalendarSecret } from "~/modules/calendar/feeds.server";
import { notFound } from "~/utils/http.server";

export const meta: MetaFunction = ({ matches }) => {
  const root = matches.find((m) => m.id === "root")?.data as { locale?: unknown } | undefined;
  const t = translator(isLocale(root?.locale) ? root.locale : "nl");
  return [{ title: `${t("calendarPage.title")} — Expertenpool` }];
};

// The page shows a secret URL: keep it out of caches.
export const headers: HeadersFunction = () => ({ "Cache-Control": "no-store" });

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const secret = await calendarSecretOf(user.id);
  if (!secret) notFound();
  const renewed = new URL(request.url).searchParams.get("renewed") === "1";
  return data({ role: user.role, links: feedLinks(secret), renewed }, { headers: { "Cache-Control": "no-store" } });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const form = await request.formData();
  if (form.get("intent") !== "renew") return data({ error: true }, 400);
  await renewCalendarSecret({ userId: user.id, organisationId: user.organisation.id, now: new Date() });
  return redirect("/account/calendar?renewed=1", 303);
}

export default function AccountCalendar() {
  const { role, links, renewed } = useLoaderData<typeof loader>();
  const { t } = useT();
  const busy = useNavigation().state !== "idle";
  return (
    <section className="narrow" aria-labelledby="calendar-title">
      <h1 id="calendar-title">{t("calendarPage.title")}</h1>
      {renewed ? (
        <p className="notice success" role="status">
          {t("calendarPage.renewed")}
        </p>
      ) : null}
      <p>{t("calendarPage.intro")}</p>
      <p>{t(`calendarPage.${role}`)}</p>
      <div className="field">
        <label htmlFor="feed-url">{t("calendarPage.urlLabel")}</label>
        <p className="hint" id="feed-url-hint">
          {t("calendarPage.secretNote")}
        </p>
        <input id="feed-url" className="copy-field" type="text" readOnly value={links.url} aria-describedby="feed-url-hint" />
      </div>

      <h2>{t("calendarPage.addTitle")}</h2>
      <ul className="plain-list">
        <li>
          <a href={links.webcal}>{t("calendarPage.webcal")}</a>
        </li>
        <li>
          <a href={links.google} rel="noreferrer">
            {t("calendarPage.google")}
          </a>
        </li>
        <li>
          <a href={links.outlook} rel="noreferrer">
            {t("calendarPage.outlook")}
          </a>
        </li>
      </ul>

      <h2>{t("calendarPage.renewTitle")}</h2>
      <p>{t("calendarPage.renewText")}</p>
      <IntentButton intent="renew" className="secondary" disabled={busy}>
        {t("calendarPage.renewButton")}
      </IntentButton>
    </section>
  );
}
