/** The public privacy notice (/privacy); its texts are in app/i18n/privacy-policy.ts. */
import type { Locale } from "~/i18n";
import { privacyPolicy } from "~/i18n/privacy-policy";

export function PrivacyPolicy({ locale }: { locale: Locale }) {
  const policy = privacyPolicy[locale];
  return (
    <article aria-labelledby="privacy-title" className="prose">
      <h1 id="privacy-title">{policy.title}</h1>
      <p>{policy.intro}</p>
      {policy.sections.map((section, i) => (
        <section key={section.title} aria-labelledby={`privacy-${i}`}>
          <h2 id={`privacy-${i}`}>{section.title}</h2>
          {section.paragraphs.map((p) => (
            <p key={p}>{p}</p>
          ))}
          {section.items ? (
            <ul>
              {section.items.map((item) => (
                <li key={item}>{item}</li>
              ))}
            </ul>
          ) : null}
        </section>
      ))}
    </article>
  );
}
