import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { devMailText } from "~/components/notifications/dev-mail-text";
import { DataTable } from "~/components/page";
import { useT } from "~/i18n";
import { listDevMail, parseMailId, requireDevMail } from "~/modules/notifications/dev-mail.server";
import { inZone } from "~/modules/time/brussels";

export const meta: MetaFunction = () => [{ title: "Dev mail — Expertenpool" }, { name: "robots", content: "noindex" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  requireDevMail(context);
  const before = parseMailId(new URL(request.url).searchParams.get("before") ?? undefined) ?? undefined;
  const { items, nextBefore } = await listDevMail({ before, limit: 50 });
  return {
    paged: before !== undefined,
    nextBefore,
    items: items.map((i) => ({
      id: i.id,
      to: i.recipientName ? `${i.recipientName} <${i.recipientEmail}>` : i.recipientEmail,
      subject: i.subject,
      renderError: i.renderError,
      topic: i.topic,
      status: i.status,
      attempts: i.attempts,
      lastError: i.lastError,
      created: inZone(i.createdAt).toFormat("yyyy-LL-dd HH:mm:ss"),
      ics: i.icsMethod,
    })),
  };
}

export default function DevMailbox() {
  const { items, nextBefore, paged } = useLoaderData<typeof loader>();
  const { locale } = useT();
  const t = devMailText(locale);
  return (
    <section aria-labelledby="dev-mail-title">
      <h1 id="dev-mail-title">{t("title")}</h1>
      <p>{t("intro")}</p>
      {items.length === 0 ? (
        <p>{t("empty")}</p>
      ) : (
        <DataTable className="seat-table" columns={[t("id"), t("to"), t("subject"), t("topic"), t("status"), t("created")]}>
          {items.map((m) => (
            <tr key={m.id} data-mail-id={m.id}>
              <td>{m.id}</td>
              <td>{m.to}</td>
              <td>
                <Link to={`/dev/mail/${m.id}`}>{m.subject ?? `${t("cannotRender")}: ${m.renderError ?? ""}`}</Link>
                {m.ics ? <span className="badge">{m.ics}</span> : null}
              </td>
              <td>
                <code>{m.topic}</code>
              </td>
              <td>
                <span className={`badge ${m.status === "sent" ? "ok" : m.status === "failed" ? "danger" : "warn"}`}>
                  {t(`status.${m.status}`)}
                </span>
                {m.lastError ? (
                  <span className="meta">
                    {" "}
                    ({t("attempts")}: {m.attempts}) {m.lastError}
                  </span>
                ) : null}
              </td>
              <td>{m.created}</td>
            </tr>
          ))}
        </DataTable>
      )}
      <nav className="pagination" aria-label={t("title")}>
        {paged ? <Link to="/dev/mail">{t("newest")}</Link> : null}{" "}
        {nextBefore ? <Link to={`/dev/mail?before=${nextBefore}`}>{t("older")}</Link> : null}
      </nav>
    </section>
  );
}
