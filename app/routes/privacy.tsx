import type { MetaFunction } from "@remix-run/node";
import { PrivacyPolicy } from "~/components/privacy/policy";
import { titleMeta } from "~/components/page";
import { useT } from "~/i18n";

export const meta: MetaFunction = ({ matches }) => titleMeta(matches, "privacy.footerLink");

export default function Privacy() {
  const { locale } = useT();
  return <PrivacyPolicy locale={locale} />;
}
