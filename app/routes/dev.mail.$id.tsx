import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useT } from "~/i18n";
import { notFoundUnless } from "~/modules/accounts/guards.server";
import { getDevMail, parseMailId, requireDevMail } from "~/modules/notifications/dev-mail.server";
import { inZone } from "~/modules/time/brussels";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.subject ?? "Dev mail"} — Expertenpool` },
  { name: "robots", content: "noindex" },
];

export async function loader({ params, context }: LoaderFunctionArgs) {
  requireDevMail(context);
  const id = parseMailId(params.id);
  notFoundUnless(id);
  const mail = await getDevMail(id);
  notFoundUnless(mail);
  const { item, message } = mail;
  const time = (d: Date | null) => (d ? inZone(d).toFormat("yyyy-LL-dd HH:mm:ss") : null);
  return {
    id: item.id,
    from: mail.from,
    to: item.recipientName ? `${item.recipientName} <${item.recipientEmail}>` : item.recipientEmail,
    topic: item.topic,
    status: item.status,
    attempts: item.attempts,
    lastError: item.lastError,
    messageId: item.messageId,
    created: time(item.createdAt),
    sent: time(item.sentAt),
    renderError: item.renderError,
    subject: message?.subject ?? null,
    html: message?.html ?? null,
    text: message?.text ?? null,
    ics: message?.icalEvent ? { method: message.icalEvent.method, content: message.icalEvent.content } : null,
    payload: JSON.stringify(mail.payload, null, 2),
  };
}

export default function DevMailMessage() {
  const m = useLoaderData<typeof loader>();
  const { t } = useT();
  return (
    <article aria-labelledby="mail-subject">
      <p>
        <Link to="/dev/mail" className="back-link">
          {t("devMail.back")}
        </Link>
      </p>
      <h1 id="mail-subject">{m.subject ?? t("devMail.cannotRender")}</h1>
      {m.renderError ? (
        <p className="notice error" role="alert">
          {m.renderError}
        </p>
      ) : null}
      <dl className="session-details">
        <dt>{t("devMail.from")}</dt>
        <dd>{m.from}</dd>
        <dt>{t("devMail.to")}</dt>
        <dd>{m.to}</dd>
        <dt>{t("devMail.topic")}</dt>
        <dd>
          <code>{m.topic}</code>
        </dd>
        <dt>{t("devMail.status")}</dt>
        <dd>
          <span className={`badge ${m.status === "sent" ? "ok" : m.status === "failed" ? "danger" : "warn"}`}>
            {t(`devMail.status.${m.status}`)}
          </span>{" "}
          ({t("devMail.attempts")}: {m.attempts})
        </dd>
        {m.lastError ? (
          <>
            <dt>{t("devMail.lastError")}</dt>
            <dd>{m.lastError}</dd>
          </>
        ) : null}
        <dt>{t("devMail.created")}</dt>
        <dd>{m.created}</dd>
        {m.sent ? (
          <>
            <dt>{t("devMail.sent")}</dt>
            <dd>{m.sent}</dd>
          </>
        ) : null}
        {m.messageId ? (
          <>
            <dt>{t("devMail.messageId")}</dt>
            <dd>
              <code>{m.messageId}</code>
            </dd>
          </>
        ) : null}
      </dl>

      {m.html !== null ? (
        <section aria-labelledby="mail-html">
          <h2 id="mail-html">{t("devMail.html")}</h2>
          {/* sandbox="" : no scripts, no forms, no top navigation, an opaque origin. */}
          <iframe
            title={t("devMail.htmlFrame")}
            sandbox=""
            srcDoc={m.html}
            style={{ width: "100%", height: "56rem", border: "1px solid #c8ced6", background: "#fff" }}
          />
        </section>
      ) : null}
      {m.text !== null ? (
        <section aria-labelledby="mail-text">
          <h2 id="mail-text">{t("devMail.text")}</h2>
          <pre style={{ whiteSpace: "pre-wrap" }}>{m.text}</pre>
        </section>
      ) : null}
      <section aria-labelledby="mail-ics">
        <h2 id="mail-ics">{t("devMail.invite")}</h2>
        {m.ics ? (
          <>
            <p>
              METHOD:{m.ics.method} — <a href={`/dev/mail/${m.id}.ics`}>{t("devMail.downloadIcs")}</a>
            </p>
            <pre style={{ whiteSpace: "pre-wrap" }}>{m.ics.content}</pre>
          </>
        ) : (
          <p>{t("devMail.noInvite")}</p>
        )}
      </section>
      <details>
        <summary>{t("devMail.payload")}</summary>
        <pre style={{ whiteSpace: "pre-wrap" }}>{m.payload}</pre>
      </details>
    </article>
  );
}
