import { type InputHTMLAttributes, type ReactNode, useEffect, useRef } from "react";
import { type MessageKey, useT } from "~/i18n";

type FieldProps = {
  name: string;
  label: string;
  /** Message key of the error next to the field, if any. */
  error?: MessageKey;
  hint?: string;
} & Omit<InputHTMLAttributes<HTMLInputElement>, "name" | "id">;

/** A labelled input with its hint and error, wired with aria-invalid/aria-describedby. */
export function Field({ name, label, error, hint, ...input }: FieldProps) {
  const { t } = useT();
  const id = `field-${name}`;
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [errorId, hintId].filter(Boolean).join(" ") || undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <p className="hint" id={hintId}>
          {hint}
        </p>
      ) : null}
      {error ? (
        <p className="error" id={errorId}>
          {t(error)}
        </p>
      ) : null}
      <input id={id} name={name} aria-invalid={error ? true : undefined} aria-describedby={describedBy} {...input} />
    </div>
  );
}

/**
 * The form's error message (role="alert"). After a failed submit it takes focus, so
 * keyboard and screen-reader users land on it; its links lead to the fields.
 */
export function FormErrors({
  message,
  fields,
  labels,
  trigger,
}: {
  /** Changes with each submission (pass the action data), so a repeated error is announced again. */
  trigger?: unknown;
  message?: ReactNode;
  fields?: Partial<Record<string, MessageKey>>;
  labels?: Record<string, string>;
}) {
  const { t } = useT();
  const ref = useRef<HTMLDivElement>(null);
  const entries = Object.entries(fields ?? {}).filter((e): e is [string, MessageKey] => Boolean(e[1]));
  const shown = Boolean(message) || entries.length > 0;
  // biome-ignore lint/correctness/useExhaustiveDependencies: focus once per submission, not on every render
  useEffect(() => {
    if (shown) ref.current?.focus();
  }, [trigger]);
  if (!shown) return null;
  return (
    <div className="notice error form-errors" role="alert" tabIndex={-1} ref={ref}>
      {message ? <p className="form-error">{message}</p> : <p className="form-error">{t("accounts.form.errorSummary")}</p>}
      {entries.length > 0 && labels ? (
        <ul>
          {entries.map(([name, key]) => (
            <li key={name}>
              <a href={`#field-${name}`}>
                {labels[name] ?? name}: {t(key)}
              </a>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
