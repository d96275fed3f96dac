/**
 * The form parts of every area: labelled fields wired with aria-invalid and
 * aria-describedby (error first, then hint), the error summary that takes focus after a
 * failed submission, and notices.
 *
 * An area calls formParts() once with its id prefix and the summary's default message.
 * The prefixes differ per area ("field-email", "f-title", "rq-subject") and stay so:
 * tests, end-to-end tests and the summary's links find the fields by these ids.
 */
import { Form } from "@remix-run/react";
import { type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes, type TextareaHTMLAttributes, useEffect, useRef } from "react";
import { type MessageKey, type Translate, useT } from "~/i18n";
import type { FormError } from "~/utils/form-errors";

/** A field's message: a key with variables, or a bare key (the accounts forms). */
export type FieldError = FormError | MessageKey;
type FieldErrors = Partial<Record<string, FieldError>>;

const say = (t: Translate, e: FieldError) => (typeof e === "string" ? t(e) : t(e.key, e.vars));

/** The summary's field labels: by name (else by the name's first part: "trainerIds.0" → "trainerIds"), or computed. */
type Labels = Record<string, string> | ((field: string) => string);

function labelOf(labels: Labels, name: string): string {
  if (typeof labels === "function") return labels(name);
  return labels[name] ?? labels[name.split(".")[0] ?? ""] ?? name;
}

/**
 * The part every field of a form repeats: its name, the value it shows again and its error,
 * all under the same key. `const field = boundFields(values, errors)`, then
 * `<TextField {...field("title")} label={…} />`.
 */
export function boundFields<V extends object>(values: V, errors: FieldErrors) {
  type TextKey = { [K in keyof V]-?: V[K] extends string | undefined ? K : never }[keyof V] & string;
  return (name: TextKey) => ({ name, defaultValue: values[name] as string | undefined, error: errors[name] });
}

type Common = { name: string; label: ReactNode; error?: FieldError; hint?: ReactNode; className?: string };

// The parts are made once per area, when its module loads (never during a render), so each
// keeps one identity and React never remounts a field.
// biome-ignore-start lint/correctness/noComponentHookFactories: see above
export function formParts({ idPrefix, summary }: { idPrefix: string; summary: MessageKey }) {
  const fieldId = (name: string) => `${idPrefix}-${name.replace(/[^A-Za-z0-9_-]/g, "-")}`;

  /** aria wiring of one field: its id, aria-invalid and aria-describedby (error first, then hint). */
  function fieldAria(name: string, error?: FieldError, hintId?: string) {
    const id = fieldId(name);
    const describedBy = [error ? `${id}-error` : null, hintId ?? null].filter(Boolean).join(" ") || undefined;
    return { id, "aria-invalid": error ? (true as const) : undefined, "aria-describedby": describedBy };
  }

  function ErrorText({ name, error }: { name: string; error?: FieldError }) {
    const { t } = useT();
    if (!error) return null;
    return (
      <p className="error" id={`${fieldId(name)}-error`}>
        {say(t, error)}
      </p>
    );
  }

  /** Label, hint, error, then the control. A textarea's hint may hold paragraphs, so it is a <div>. */
  function Labelled({ name, label, error, hint, hintTag: Hint = "p", className, control }: Common & {
    hintTag?: "p" | "div";
    control: (aria: ReturnType<typeof fieldAria>) => ReactNode;
  }) {
    const hintId = hint ? `${fieldId(name)}-hint` : undefined;
    return (
      <div className={className ? `field ${className}` : "field"}>
        <label htmlFor={fieldId(name)}>{label}</label>
        {hint ? (
          <Hint className="hint" id={hintId}>
            {hint}
          </Hint>
        ) : null}
        <ErrorText name={name} error={error} />
        {control(fieldAria(name, error, hintId))}
      </div>
    );
  }

  function TextField({ name, label, error, hint, className, ...input }: Common & Omit<InputHTMLAttributes<HTMLInputElement>, "name" | "id" | "className">) {
    return <Labelled {...{ name, label, error, hint, className }} control={(aria) => <input name={name} {...aria} {...input} />} />;
  }

  function SelectField({
    name,
    label,
    error,
    hint,
    className,
    children,
    ...select
  }: Common & { children: ReactNode } & Omit<SelectHTMLAttributes<HTMLSelectElement>, "name" | "id" | "className">) {
    return (
      <Labelled
        {...{ name, label, error, hint, className }}
        control={(aria) => (
          <select name={name} {...aria} {...select}>
            {children}
          </select>
        )}
      />
    );
  }

  function TextAreaField({ name, label, error, hint, className, ...area }: Common & Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, "name" | "id" | "className">) {
    return <Labelled {...{ name, label, error, hint, className }} hintTag="div" control={(aria) => <textarea name={name} {...aria} {...area} />} />;
  }

  /** A group of radio buttons or checkboxes in a fieldset; the error is tied to the group. */
  function ChoiceGroup({ name, legend, error, hint, children }: { name: string; legend: ReactNode; error?: FieldError; hint?: ReactNode; children: ReactNode }) {
    const aria = fieldAria(name, error, hint ? `${fieldId(name)}-hint` : undefined);
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
   * The form's error summary (role="alert"). After each failed submission it takes focus,
   * so keyboard and screen-reader users land on it; its links lead to the fields.
   */
  function ErrorSummary({
    trigger,
    formError,
    errors,
    labels,
  }: {
    /** Changes with each submission (pass the action data), so a repeated error is announced again. */
    trigger: unknown;
    formError?: FieldError;
    errors?: FieldErrors;
    labels?: Labels;
  }) {
    const { t } = useT();
    const ref = useRef<HTMLDivElement>(null);
    const entries = Object.entries(errors ?? {}).filter((e): e is [string, FieldError] => Boolean(e[1]));
    const shown = Boolean(formError) || entries.length > 0;
    // biome-ignore lint/correctness/useExhaustiveDependencies: focus once per submission, not on every render
    useEffect(() => {
      if (shown) ref.current?.focus();
    }, [trigger]);
    if (!shown) return null;
    return (
      <div className="notice error form-errors" role="alert" tabIndex={-1} ref={ref}>
        <p className="form-error">{say(t, formError ?? summary)}</p>
        {entries.length > 0 ? (
          <ul>
            {entries.map(([name, error]) => (
              <li key={name}>
                <a href={`#${fieldId(name)}`}>{labels ? `${labelOf(labels, name)}: ${say(t, error)}` : say(t, error)}</a>
              </li>
            ))}
          </ul>
        ) : null}
      </div>
    );
  }

  return { fieldId, fieldAria, ErrorText, TextField, SelectField, TextAreaField, ChoiceGroup, ErrorSummary };
}
// biome-ignore-end lint/correctness/noComponentHookFactories: see above

/**
 * The options of a select: one per item, labelled in the reader's language, after an
 * `empty` option (value "") where the field may stay unchosen. Items that are not strings
 * say their value with `value`.
 */
export function Options<T>({
  values,
  label,
  value,
  empty,
}: {
  values: readonly T[];
  label: (item: T, index: number) => ReactNode;
  empty?: ReactNode;
} & ([T] extends [string] ? { value?: (item: T) => string } : { value: (item: T) => string })) {
  const valueFor = (item: T): string => (value ? value(item) : String(item));
  return (
    <>
      {empty === undefined ? null : <option value="">{empty}</option>}
      {values.map((item, i) => (
        <option key={valueFor(item)} value={valueFor(item)}>
          {label(item, i)}
        </option>
      ))}
    </>
  );
}

/**
 * A form of one button that posts its intent, and any hidden fields in the order given,
 * to the page's action (or `action`): "renew", "withdraw", "cancel this seat".
 */
export function IntentButton({
  intent,
  fields,
  action,
  formClassName,
  className,
  disabled,
  children,
}: {
  intent: string;
  fields?: Record<string, string>;
  action?: string;
  formClassName?: string;
  className: string;
  disabled?: boolean;
  children: ReactNode;
}) {
  return (
    <Form method="post" action={action} className={formClassName}>
      <input type="hidden" name="intent" value={intent} />
      {Object.entries(fields ?? {}).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <button type="submit" className={className} disabled={disabled}>
        {children}
      </button>
    </Form>
  );
}

/** A row of submit buttons, each posting its own intent ("save", "preview", "more rows"). */
export function SubmitButtons({
  className = "row-actions",
  disabled,
  buttons,
}: {
  className?: "row-actions" | "form-actions";
  disabled?: boolean;
  buttons: { intent: string; className: string; label: ReactNode }[];
}) {
  return (
    <div className={className}>
      {buttons.map((b) => (
        <button key={b.intent} type="submit" name="intent" value={b.intent} className={b.className} disabled={disabled}>
          {b.label}
        </button>
      ))}
    </div>
  );
}

/** A message that screen readers announce (role="status", or "alert" for a refusal that needs attention). */
export function Notice({
  tone = "success",
  role = "status",
  className,
  children,
}: {
  tone?: "success" | "error" | "info";
  role?: "status" | "alert";
  className?: string;
  children: ReactNode;
}) {
  return (
    <div className={["notice", tone === "info" ? null : tone, className].filter(Boolean).join(" ")} role={role}>
      {children}
    </div>
  );
}
