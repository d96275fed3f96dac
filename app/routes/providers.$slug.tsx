import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Paragraphs, pageMeta, RequestButton } from "~/components/catalog/catalog-ui";
import { FormatLine } from "~/components/catalog/format-line";
import { LinkCard } from "~/components/page";
import { PhoneLink, WithPhoneLinks } from "~/components/phone";
import { useT } from "~/i18n";
import { getCurrentUser } from "~/modules/accounts/session.server";
import { getProviderPage } from "~/modules/catalog/catalog.server";
import { FORMATS } from "~/modules/catalog/constants";
import { durationInWords } from "~/modules/catalog/duration";
import { slugSchema } from "~/modules/catalog/schemas";
import { notFound } from "~/utils/http.server";

export const meta: MetaFunction<typeof loader> = ({ matches, data }) =>
  pageMeta(matches, (t) => data?.provider.name ?? t("error.notFound.title"));

export async function loader({ params, request }: LoaderFunctionArgs) {
  const slug = slugSchema.safeParse(params.slug);
  const page = slug.success ? await getProviderPage(slug.data) : null;
  if (!page) notFound();
  const user = await getCurrentUser(request);
  return { ...page, role: user?.role ?? null };
}

export default function ProviderPage() {
  const { provider, offerings, role } = useLoaderData<typeof loader>();
  const { t, locale } = useT();
  const { contact } = provider;
  const groups = FORMATS.map((format) => ({ format, items: offerings.filter((o) => o.format === format) })).filter(
    (g) => g.items.length > 0,
  );
  const hasContact = Boolean(contact.email || contact.phone || contact.website || contact.note);
  return (
    <>
      <h1>{provider.name}</h1>
      <Paragraphs text={provider.description} />

      {hasContact ? (
        <section aria-labelledby="contact-title" className="provider-contact">
          <h2 id="contact-title">{t("catalog.provider.contact")}</h2>
          <dl className="details">
            {contact.email ? (
              <>
                <dt>{t("catalog.provider.email")}</dt>
                <dd>
                  <a href={`mailto:${contact.email}`}>{contact.email}</a>
                </dd>
              </>
            ) : null}
            {contact.phone ? (
              <>
                <dt>{t("catalog.provider.phone")}</dt>
                <dd>
                  <PhoneLink phone={contact.phone} />
                </dd>
              </>
            ) : null}
            {contact.website ? (
              <>
                <dt>{t("catalog.provider.website")}</dt>
                <dd>
                  {/^https?:\/\//.test(contact.website) ? (
                    <a href={contact.website} rel="noopener noreferrer">
                      {contact.website.replace(/^https?:\/\//, "").replace(/\/$/, "")}
                    </a>
                  ) : (
                    contact.website
                  )}
                </dd>
              </>
            ) : null}
          </dl>
          {contact.note ? (
            <p>
              <WithPhoneLinks text={contact.note} />
            </p>
          ) : null}
        </section>
      ) : null}

      <p>
        <RequestButton providerSlug={provider.slug} role={role} label={t("catalog.provider.requestAny", { name: provider.name })} />
      </p>

      <section aria-labelledby="offerings-title">
        <h2 id="offerings-title">{t("catalog.provider.offerings", { name: provider.name })}</h2>
        {groups.length === 0 ? <p>{t("catalog.provider.noOfferings")}</p> : null}
        {groups.map((group) => (
          <div key={group.format} className="offering-group">
            <h3>{t(`catalog.format.${group.format}`)}</h3>
            <FormatLine format={group.format} />
            <ul className="cards">
              {group.items.map((o) => (
                <LinkCard key={o.id} to={`/offerings/${o.id}`} title={o.title} heading="h4">
                  <p className="meta">
                    {t(`catalog.deliveryMode.${o.deliveryMode}`)} · {durationInWords(o, locale)}
                  </p>
                  <p>
                    <span className={o.bookingMode === "on_request" ? "badge warn" : "badge ok"}>
                      {t(`catalog.bookingMode.${o.bookingMode}`)}
                    </span>
                  </p>
                  {o.hoursNote ? (
                    <p className="meta">
                      {t("catalog.offering.hours")}: {o.hoursNote}
                    </p>
                  ) : null}
                  {o.bookingMode === "on_request" ? (
                    <p>
                      <RequestButton providerSlug={provider.slug} offering={o} role={role} />
                    </p>
                  ) : null}
                </LinkCard>
              ))}
            </ul>
          </div>
        ))}
      </section>
    </>
  );
}
