/** The offering's programme, audience and trainers (#12), shared by the offering page and its sessions' pages. */
import { useT } from "~/i18n";
import { TitledSection } from "../page";

/**
 * Free text as paragraphs (blank lines between them); a paragraph whose lines all start
 * with "-" or "•" becomes a list, other single line breaks are kept.
 */
export function RichText({ text }: { text: string }) {
  const blocks = text
    .split(/\r?\n\s*\r?\n/)
    .map((b) => b.trim())
    .filter(Boolean);
  return (
    <>
      {blocks.map((block, i) => {
        const lines = block.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
        if (lines.every((l) => /^[-•]\s*/.test(l))) {
          return (
            // biome-ignore lint/suspicious/noArrayIndexKey: static text, order never changes
            <ul key={i}>
              {lines.map((l, j) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: static text, order never changes
                <li key={j}>{l.replace(/^[-•]\s*/, "")}</li>
              ))}
            </ul>
          );
        }
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: static text, order never changes
          <p key={i}>
            {lines.map((l, j) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: static text, order never changes
              <span key={j}>
                {j > 0 ? <br /> : null}
                {l}
              </span>
            ))}
          </p>
        );
      })}
    </>
  );
}

/** "Programma" and "Voor wie" sections, each only when the offering has it. */
export function ProgrammeAndAudience({ programme, audience }: { programme: string | null; audience: string | null }) {
  const { t } = useT();
  return (
    <>
      {programme ? (
        <TitledSection id="offering-programme" title={t("details.programme")}>
          <RichText text={programme} />
        </TitledSection>
      ) : null}
      {audience ? (
        <TitledSection id="offering-audience" title={t("details.audience")}>
          <RichText text={audience} />
        </TitledSection>
      ) : null}
    </>
  );
}

/** Trainers' names as a sentence-like list ("An en Bart"), or "to be announced". */
export function TrainerList({ names }: { names: string[] }) {
  const { t, locale } = useT();
  if (names.length === 0) return <>{t("details.trainersUnknown")}</>;
  return <>{new Intl.ListFormat(locale === "nl" ? "nl-BE" : "en-GB", { type: "conjunction" }).format(names)}</>;
}
