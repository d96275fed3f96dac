import type { MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { pageMeta } from "~/components/catalog/catalog-ui";
import { LinkCard } from "~/components/page";
import { useT } from "~/i18n";
import { listProviders } from "~/modules/catalog/catalog.server";
import { serializeProvider } from "~/modules/catalog/serialize";

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, (t) => t("catalog.providers.title"));

export async function loader() {
  const providers = await listProviders();
  return { providers: providers.map(serializeProvider) };
}

export default function Providers() {
  const { providers } = useLoaderData<typeof loader>();
  const { t } = useT();
  return (
    <>
      <h1>{t("catalog.providers.title")}</h1>
      <p>{t("catalog.providers.intro")}</p>
      {providers.length === 0 ? (
        <p>{t("catalog.providers.empty")}</p>
      ) : (
        <ul className="cards">
          {providers.map((p) => (
            <LinkCard key={p.id} to={`/providers/${p.slug}`} title={p.name} heading="h2">
              {p.description ? <p className="provider-summary">{firstParagraph(p.description)}</p> : null}
              {p.contact.email ? (
                <p className="meta">
                  <a href={`mailto:${p.contact.email}`}>{p.contact.email}</a>
                </p>
              ) : null}
            </LinkCard>
          ))}
        </ul>
      )}
    </>
  );
}

function firstParagraph(text: string): string {
  return text.split(/\n\s*\n/)[0]?.trim() ?? "";
}
