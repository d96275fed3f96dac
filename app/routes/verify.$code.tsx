import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { verifyCertificate } from "~/modules/certificates/certificates.server";
import { formatDate } from "~/modules/time/brussels";

export const meta: MetaFunction = () => [{ title: "Attest controleren — Expertenpool" }, { name: "robots", content: "noindex" }];

/** /verify/<code>: is this certificate genuine? A Dutch page for whoever received the certificate. */
export async function loader({ params }: LoaderFunctionArgs) {
  const v = await verifyCertificate({ code: params.code ?? "" });
  if (!v.genuine) return { genuine: false as const, code: (params.code ?? "").slice(0, 40) };
  return {
    genuine: true as const,
    code: v.code,
    name: v.name,
    title: v.title,
    provider: v.provider,
    date: formatDate(v.startsAt, "nl"),
    hours: new Intl.NumberFormat("nl-BE", { maximumFractionDigits: 1 }).format(v.hours),
    stillValid: v.stillValid,
  };
}

export default function VerifyCertificate() {
  const v = useLoaderData<typeof loader>();
  return (
    <div lang="nl-BE">
      <h1>Attest controleren</h1>
      {!v.genuine ? (
        <p className="form-error" role="alert">
          Geen geldig attest gevonden met de code <code>{v.code}</code>. Kijk de code na (12 tekens, bv. ABCD-EFGH-JKMN).
        </p>
      ) : v.stillValid ? (
        <>
          <p className="notice" role="status">
            Dit attest is echt: het werd uitgereikt door de expertenpool.
          </p>
          <dl>
            <dt>Deelnemer</dt>
            <dd>{v.name}</dd>
            <dt>Sessie</dt>
            <dd>{v.title}</dd>
            <dt>Aanbieder</dt>
            <dd>{v.provider}</dd>
            <dt>Datum</dt>
            <dd>{v.date}</dd>
            <dt>Duur</dt>
            <dd>{`${v.hours} uur`}</dd>
            <dt>Verificatiecode</dt>
            <dd>
              <code>{v.code}</code>
            </dd>
          </dl>
        </>
      ) : (
        <p className="form-error" role="alert">
          Dit attest (<code>{v.code}</code>) werd uitgereikt, maar is ingetrokken: de aanwezigheid werd nadien gecorrigeerd of de sessie
          werd geannuleerd.
        </p>
      )}
    </div>
  );
}
