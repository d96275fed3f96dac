import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
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
  const { t } = useT();
  return (
    <section aria-labelledby="dev-mail-title">
      <h1 id="dev-mail-title">{t("devMail.title")}</h1>
      <p>{t("devMail.intro")}</p>
      {items.length === 0 ? (
        <p>{t("devMail.empty")}</p>
      ) : (
        <DataTable className="seat-table" columns={[t("devMail.id"), t("devMail.to"), t("devMail.subject"), t("devMail.topic"), t("devMail.status"), t("devMail.created")]}>
          {items.map((m) => (
            <tr key={m.id} data-mail-id={m.id}>
              <td>{m.id}</td>
              <td>{m.to}</td>
              <td>
                <Link to={`/dev/mail/${m.id}`}>{m.subject ?? `${t("devMail.cannotRender")}: ${m.renderError ?? ""}`}</Link>
                {m.ics ? <span className="badge">{m.ics}</span> : null}
              </td>
              <td>
                <code>{m.topic}</code>
              </td>
              <td>
                <span className={`badge ${m.status === "sent" ? "ok" : m.status === "failed" ? "danger" : "warn"}`}>
                  {t(`devMail.status.${m.status}`)}
                </span>
                {m.lastError ? (
                  <span className="meta">
                    {" "}
                    ({t("devMail.attempts")}: {m.attempts}) {m.lastError}
                  </span>
                ) : null}
              </td>
              <td>{m.created}</td>
            </tr>
          ))}
        </DataTable>
      )}
      <nav className="pagination" aria-label={t("devMail.title")}>
        {paged ? <Link to="/dev/mail">{t("devMail.newest")}</Link> : null}{" "}
        {nextBefore ? <Link to={`/dev/mail?before=${nextBefore}`}>{t("devMail.older")}</Link> : null}
      </nav>
    </section>
  );
}
