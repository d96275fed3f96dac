import type { LoaderFunctionArgs } from "@remix-run/node";
import { certificatePdf, issueCertificate } from "~/modules/certificates/certificates.server";
import { notFound } from "~/utils/http.server";

/** GET /attend/<token>/certificate.pdf — the certificate of attendance of a seat marked present; 404 otherwise. */
export async function loader({ params }: LoaderFunctionArgs) {
  const facts = await issueCertificate({ token: params.token ?? "", now: new Date() });
  if (!facts) notFound({ "Cache-Control": "no-store" });
  const pdf = await certificatePdf(facts);
  return new Response(new Uint8Array(pdf), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `attachment; filename="attest-${facts.code}.pdf"`,
      "Cache-Control": "no-store",
      "X-Robots-Tag": "noindex",
    },
  });
}
