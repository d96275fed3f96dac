/** The offering form, shared by "new" and "edit". A plain POST form: works without JavaScript. */
import { Form, useNavigation } from "@remix-run/react";
import { Options } from "~/components/form";
import { useT } from "~/i18n";
import type { FormError, FormErrors } from "~/modules/sessions/form";
import { formatDefaults, formats } from "~/modules/sessions/formats";
import type { OfferingFormValues } from "~/modules/sessions/offering-form";
import { ErrorSummary, ErrorText, fieldAria, SelectField, TextAreaField, TextField } from "./ui";

export const deliveryModes = ["on_site", "online", "hybrid"] as const;
export const bookingModes = ["open", "on_request"] as const;

export function OfferingForm({
  values,
  errors,
  formError,
  trigger,
  submitLabel,
}: {
  values: Partial<OfferingFormValues>;
  errors?: FormErrors;
  formError?: FormError;
  trigger: unknown;
  submitLabel: string;
}) {
  const { t } = useT();
  const busy = useNavigation().state === "submitting";
  const e = errors ?? {};
  const labels = {
    title: t("provider.offering.title"),
    description: t("provider.offering.description"),
    format: t("provider.offering.format"),
    deliveryMode: t("provider.offering.deliveryMode"),
    durationMinutes: t("provider.offering.duration"),
    bookingMode: t("provider.offering.bookingMode"),
    defaultCapacity: t("provider.offering.capacity"),
    hoursNote: t("provider.offering.hoursNote"),
    programme: t("details.form.programme"),
    audience: t("details.form.audience"),
    sessionCount: t("details.form.sessionCount"),
    intake: t("details.form.intake"),
    spanMonths: t("details.form.spanMonths"),
  };
  /** name, label, value and error of one field: the part every field of this form repeats. */
  const field = (name: keyof typeof labels) => ({ name, label: labels[name], defaultValue: values[name], error: e[name] });
  const number = { type: "number", inputMode: "numeric" } as const;
  return (
    <>
      <ErrorSummary trigger={trigger} formError={formError} errors={errors} labels={labels} />
      <Form method="post" className="stack wide" noValidate>
        <TextField {...field("title")} required maxLength={200} />
        <TextAreaField {...field("description")} rows={5} />
        <TextAreaField {...field("programme")} hint={t("details.form.programmeHint")} rows={6} maxLength={5000} />
        <TextAreaField {...field("audience")} hint={t("details.form.audienceHint")} rows={2} maxLength={1000} />
        <SelectField name="format" label={labels.format} defaultValue={values.format ?? ""} error={e.format} required>
          <option value="">{t("provider.choose")}</option>
          <Options values={formats} label={(f) => t(`provider.format.${f}`)} />
        </SelectField>
        <SelectField name="deliveryMode" label={labels.deliveryMode} defaultValue={values.deliveryMode ?? "on_site"} error={e.deliveryMode}>
          <Options values={deliveryModes} label={(m) => t(`provider.delivery.${m}`)} />
        </SelectField>
        <TextField
          {...field("durationMinutes")}
          hint={t("provider.offering.durationHint", { full: formatDefaults.full_day.durationMinutes, half: formatDefaults.half_day.durationMinutes })}
          inputMode="numeric"
          type="number"
          min={15}
          max={1440}
        />
        <fieldset className="form-section course-fields" aria-describedby="f-course-hint">
          <legend>{t("details.form.course")}</legend>
          <p className="hint" id="f-course-hint">
            {t("details.form.courseHint")}
          </p>
          <TextField {...field("sessionCount")} {...number} min={1} max={100} />
          <div className="field checkbox-field">
            <ErrorText name="intake" error={e.intake} />
            <label>
              <input type="checkbox" name="intake" value="on" defaultChecked={values.intake === "on"} {...fieldAria("intake", e.intake)} />{" "}
              {labels.intake}
            </label>
          </div>
          <TextField {...field("spanMonths")} {...number} min={1} max={60} />
        </fieldset>
        <SelectField name="bookingMode" label={labels.bookingMode} defaultValue={values.bookingMode ?? "open"} error={e.bookingMode}>
          <Options values={bookingModes} label={(m) => t(`provider.bookingMode.${m}`)} />
        </SelectField>
        <TextField {...field("defaultCapacity")} hint={t("provider.offering.capacityHint")} {...number} min={1} />
        <TextField {...field("hoursNote")} hint={t("provider.offering.hoursNoteHint")} maxLength={300} />
        <div>
          <button type="submit" className="primary" disabled={busy}>
            {submitLabel}
          </button>
        </div>
      </Form>
    </>
  );
}
