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
  return (
    <>
      <ErrorSummary trigger={trigger} formError={formError} errors={errors} labels={labels} />
      <Form method="post" className="stack wide" noValidate>
        <TextField name="title" label={labels.title} defaultValue={values.title} error={e.title} required maxLength={200} />
        <TextAreaField name="description" label={labels.description} defaultValue={values.description} error={e.description} rows={5} />
        <TextAreaField
          name="programme"
          label={labels.programme}
          hint={t("details.form.programmeHint")}
          defaultValue={values.programme}
          error={e.programme}
          rows={6}
          maxLength={5000}
        />
        <TextAreaField
          name="audience"
          label={labels.audience}
          hint={t("details.form.audienceHint")}
          defaultValue={values.audience}
          error={e.audience}
          rows={2}
          maxLength={1000}
        />
        <SelectField name="format" label={labels.format} defaultValue={values.format ?? ""} error={e.format} required>
          <option value="">{t("provider.choose")}</option>
          <Options values={formats} label={(f) => t(`provider.format.${f}`)} />
        </SelectField>
        <SelectField name="deliveryMode" label={labels.deliveryMode} defaultValue={values.deliveryMode ?? "on_site"} error={e.deliveryMode}>
          <Options values={deliveryModes} label={(m) => t(`provider.delivery.${m}`)} />
        </SelectField>
        <TextField
          name="durationMinutes"
          label={labels.durationMinutes}
          hint={t("provider.offering.durationHint", { full: formatDefaults.full_day.durationMinutes, half: formatDefaults.half_day.durationMinutes })}
          defaultValue={values.durationMinutes}
          error={e.durationMinutes}
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
          <TextField
            name="sessionCount"
            label={labels.sessionCount}
            defaultValue={values.sessionCount}
            error={e.sessionCount}
            type="number"
            inputMode="numeric"
            min={1}
            max={100}
          />
          <div className="field checkbox-field">
            <ErrorText name="intake" error={e.intake} />
            <label>
              <input type="checkbox" name="intake" value="on" defaultChecked={values.intake === "on"} {...fieldAria("intake", e.intake)} />{" "}
              {labels.intake}
            </label>
          </div>
          <TextField
            name="spanMonths"
            label={labels.spanMonths}
            defaultValue={values.spanMonths}
            error={e.spanMonths}
            type="number"
            inputMode="numeric"
            min={1}
            max={60}
          />
        </fieldset>
        <SelectField name="bookingMode" label={labels.bookingMode} defaultValue={values.bookingMode ?? "open"} error={e.bookingMode}>
          <Options values={bookingModes} label={(m) => t(`provider.bookingMode.${m}`)} />
        </SelectField>
        <TextField
          name="defaultCapacity"
          label={labels.defaultCapacity}
          hint={t("provider.offering.capacityHint")}
          defaultValue={values.defaultCapacity}
          error={e.defaultCapacity}
          type="number"
          inputMode="numeric"
          min={1}
        />
        <TextField
          name="hoursNote"
          label={labels.hoursNote}
          hint={t("provider.offering.hoursNoteHint")}
          defaultValue={values.hoursNote}
          error={e.hoursNote}
          maxLength={300}
        />
        <div>
          <button type="submit" className="primary" disabled={busy}>
            {submitLabel}
          </button>
        </div>
      </Form>
    </>
  );
}
