/** Form pieces and small presentational parts of the provider planner pages. */
import type { MetaArgs } from "@remix-run/react";
import { Link } from "@remix-run/react";
import { Info } from "luxon";
import {
  type InputHTMLAttributes,
  type ReactNode,
  type SelectHTMLAttributes,
  type TextareaHTMLAttributes,
  useEffect,
  useRef,
} from "react";
import { isLocale, type Locale, type MessageKey, type Translate, translator, useT } from "~/i18n";
import type { FormError, FormErrors } from "~/modules/sessions/form";

/** "Planning — Expertenpool" in the visitor's language. */
export function plannerMeta(matches: MetaArgs["matches"], key: MessageKey) {
  const root = matches.find((m) => m.id === "root")?.data as { locale?: unknown } | undefined;
  const t = translator(isLocale(root?.locale) ? root.locale : "nl");
  return [{ title: `${t(key)} — Expertenpool` }];
}

export const fieldId = (name: string) => `f-${name.replace(/[^A-Za-z0-9_-]/g, "-")}`;
export const say = (t: Translate, e: FormError) => t(e.key, e.vars);

/** aria wiring of one field: its id, aria-invalid and aria-describedby (error first, then hint). */
export function fieldAria(name: string, error?: FormError, hint?: boolean) {
  const id = fieldId(name);
  const describedBy = [error ? `${id}-error` : null, hint ? `${id}-hint` : null].filter(Boolean).join(" ") || undefined;
  return { id, "aria-invalid": error ? (true as const) : undefined, "aria-describedby": describedBy };
}

export function ErrorText({ name, error }: { name: string; error?: FormError }) {
  const { t } = useT();
  if (!error) return null;
  return (
    <p className="error" id={`${fieldId(name)}-error`}>
      {say(t, error)}
    </p>
  );
}

type Common = { name: string; label: ReactNode; error?: FormError; hint?: ReactNode; className?: string };

export function TextField({ name, label, error, hint, className, ...input }: Common & Omit<InputHTMLAttributes<HTMLInputElement>, "name" | "id" | "className">) {
  const aria = fieldAria(name, error, Boolean(hint));
  return (
    <div className={`field ${className ?? ""}`}>
      <label htmlFor={aria.id}>{label}</label>
      {hint ? (
        <p className="hint" id={`${aria.id}-hint`}>
          {hint}
        </p>
      ) : null}
      <ErrorText name={name} error={error} />
      <input name={name} {...aria} {...input} />
    </div>
  );
}

export function SelectField({
  name,
  label,
  error,
  hint,
  className,
  children,
  ...select
}: Common & { children: ReactNode } & Omit<SelectHTMLAttributes<HTMLSelectElement>, "name" | "id" | "className">) {
  const aria = fieldAria(name, error, Boolean(hint));
  return (
    <div className={`field ${className ?? ""}`}>
      <label htmlFor={aria.id}>{label}</label>
      {hint ? (
        <p className="hint" id={`${aria.id}-hint`}>
          {hint}
        </p>
      ) : null}
      <ErrorText name={name} error={error} />
      <select name={name} {...aria} {...select}>
        {children}
      </select>
    </div>
  );
}

export function TextAreaField({ name, label, error, hint, className, ...area }: Common & Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, "name" | "id" | "className">) {
  const aria = fieldAria(name, error, Boolean(hint));
  return (
    <div className={`field ${className ?? ""}`}>
      <label htmlFor={aria.id}>{label}</label>
      {hint ? (
        <p className="hint" id={`${aria.id}-hint`}>
          {hint}
        </p>
      ) : null}
      <ErrorText name={name} error={error} />
      <textarea name={name} {...aria} {...area} />
    </div>
  );
}

/** A group of radio buttons or checkboxes in a fieldset; the error is tied to the group. */
export function ChoiceGroup({ name, legend, error, hint, children }: { name: string; legend: ReactNode; error?: FormError; hint?: ReactNode; children: ReactNode }) {
  const aria = fieldAria(name, error, Boolean(hint));
  return (
    <fieldset className="field choice-group" id={aria.id} aria-invalid={aria["aria-invalid"]} aria-describedby={aria["aria-describedby"]} tabIndex={-1}>
      <legend>{legend}</legend>
      {hint ? (
        <p className="hint" id={`${aria.id}-hint`}>
          {hint}
        </p>
      ) : null}
      <ErrorText name={name} error={error} />
      {children}
    </fieldset>
  );
}

/**
 * The form's error summary (role="alert"), focused after each failed submission, with
 * links to the fields.
 */
export function ErrorSummary({
  trigger,
  formError,
  errors,
  labels,
}: {
  trigger: unknown;
  formError?: FormError;
  errors?: FormErrors;
  labels: Record<string, string>;
}) {
  const { t } = useT();
  const ref = useRef<HTMLDivElement>(null);
  const entries = Object.entries(errors ?? {}).filter((e): e is [string, FormError] => Boolean(e[1]));
  const shown = Boolean(formError) || entries.length > 0;
  // biome-ignore lint/correctness/useExhaustiveDependencies: focus once per submission
  useEffect(() => {
    if (shown) ref.current?.focus();
  }, [trigger]);
  if (!shown) return null;
  return (
    <div className="notice error form-errors" role="alert" tabIndex={-1} ref={ref}>
      <p className="form-error">{say(t, formError ?? { key: "provider.error.summary" })}</p>
      {entries.length > 0 ? (
        <ul>
          {entries.map(([name, error]) => (
            <li key={name}>
              <a href={`#${fieldId(name)}`}>
                {labels[name] ?? labels[name.split(".")[0] ?? ""] ?? name}: {say(t, error)}
              </a>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

export function SuccessNotice({ children }: { children: ReactNode }) {
  return (
    <p className="notice success" role="status">
      {children}
    </p>
  );
}

/** Draft / cancelled marked with a word, not only a colour. */
export function StatusBadge({ status }: { status: string }) {
  const { t } = useT();
  if (status === "draft") return <span className="badge warn status-draft">{t("provider.status.draft")}</span>;
  if (status === "cancelled") return <span className="badge danger status-cancelled">{t("provider.status.cancelled")}</span>;
  return <span className="badge ok status-published">{t("provider.status.published")}</span>;
}

/** Weekday names, Monday first: ["maandag", …]. */
export function weekdayNames(locale: Locale, length: "long" | "short" = "long"): string[] {
  return Info.weekdays(length, { locale: locale === "nl" ? "nl-BE" : "en-GB" });
}

export function BackLink({ to, children }: { to: string; children: ReactNode }) {
  return (
    <p className="back-link">
      <Link to={to}>← {children}</Link>
    </p>
  );
}
