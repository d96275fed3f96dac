/** Field groups shared by the new-session and edit-session forms. */
import { boundFields } from "~/components/form";
import { useT } from "~/i18n";
import type { FormErrors, SessionEditValues } from "~/modules/sessions/form";
import { ChoiceGroup, fieldAria, TextField } from "./ui";

/** Labels by field name, for the error summary. */
export function sessionFieldLabels(t: ReturnType<typeof useT>["t"]): Record<string, string> {
  return {
    offeringId: t("provider.field.offering"),
    date: t("provider.field.date"),
    startTime: t("provider.field.startTime"),
    endTime: t("provider.field.endTime"),
    capacity: t("provider.field.capacity"),
    maxSeatsPerMunicipality: t("provider.field.maxSeats"),
    deadlineDate: t("provider.field.deadline"),
    locationName: t("provider.field.locationName"),
    locationAddress: t("provider.field.locationAddress"),
    onlineUrl: t("provider.field.onlineUrl"),
    trainerIds: t("provider.field.trainers"),
    status: t("provider.field.status"),
    repeat: t("provider.field.repeat"),
    interval: t("provider.field.interval"),
    nth: t("provider.field.nth"),
    weekday: t("provider.field.weekday"),
    end: t("provider.field.repeatEnd"),
    count: t("provider.field.count"),
    until: t("provider.field.until"),
    skip: t("provider.preview.title"),
    scope: t("provider.field.scope"),
    reason: t("provider.field.reason"),
    cancelScope: t("provider.field.scope"),
  };
}

export function WhenFields({
  values,
  errors,
  onTimeChange,
  controlled,
}: {
  values: Pick<SessionEditValues, "date" | "startTime" | "endTime">;
  errors: FormErrors;
  /** With JavaScript the new-session form keeps the times in state (format defaults fill them). */
  onTimeChange?: (field: "startTime" | "endTime", value: string) => void;
  controlled?: boolean;
}) {
  const { t } = useT();
  const field = boundFields(values, errors);
  const timeProps = (field: "startTime" | "endTime") =>
    controlled && onTimeChange
      ? { value: values[field], onChange: (e: { currentTarget: HTMLInputElement }) => onTimeChange(field, e.currentTarget.value) }
      : { defaultValue: values[field] };
  return (
    <fieldset className="form-section">
      <legend>{t("provider.section.when")}</legend>
      <p className="hint">{t("provider.hint.brusselsTime")}</p>
      <div className="field-row">
        <TextField type="date" label={t("provider.field.date")} {...field("date")} required />
        <TextField name="startTime" type="time" label={t("provider.field.startTime")} error={errors.startTime} step={300} {...timeProps("startTime")} />
        <TextField name="endTime" type="time" label={t("provider.field.endTime")} error={errors.endTime} step={300} {...timeProps("endTime")} />
      </div>
    </fieldset>
  );
}

export function CapacityFields({
  values,
  errors,
  capacityHint,
  capacityProps,
  seatsTaken,
}: {
  values: Pick<SessionEditValues, "capacity" | "maxSeatsPerMunicipality" | "deadlineDate" | "deadlineTime">;
  errors: FormErrors;
  capacityHint?: string;
  capacityProps?: { value: string; onChange: (e: { currentTarget: HTMLInputElement }) => void };
  seatsTaken?: number;
}) {
  const { t } = useT();
  const field = boundFields(values, errors);
  return (
    <fieldset className="form-section">
      <legend>{t("provider.section.seats")}</legend>
      <div className="field-row">
        <TextField
          name="capacity"
          type="number"
          inputMode="numeric"
          min={seatsTaken && seatsTaken > 0 ? seatsTaken : 1}
          label={t("provider.field.capacity")}
          hint={capacityHint}
          error={errors.capacity}
          {...(capacityProps ?? { defaultValue: values.capacity })}
        />
        <TextField
          type="number"
          inputMode="numeric"
          min={1}
          label={t("provider.field.maxSeats")}
          hint={t("provider.hint.maxSeats")}
          {...field("maxSeatsPerMunicipality")}
        />
      </div>
      <div className="field-row">
        <TextField
          type="date"
          label={t("provider.field.deadline")}
          hint={t("provider.hint.deadline")}
          {...field("deadlineDate")}
        />
        <TextField name="deadlineTime" type="time" label={t("provider.field.deadlineTime")} defaultValue={values.deadlineTime} step={300} />
      </div>
    </fieldset>
  );
}

export function PlaceFields({ values, errors, online }: { values: Pick<SessionEditValues, "locationName" | "locationAddress" | "onlineUrl">; errors: FormErrors; online?: boolean }) {
  const { t } = useT();
  const field = boundFields(values, errors);
  return (
    <fieldset className="form-section">
      <legend>{t("provider.section.where")}</legend>
      <p className="hint">{online ? t("provider.hint.placeOnline") : t("provider.hint.place")}</p>
      <TextField label={t("provider.field.locationName")} {...field("locationName")} maxLength={200} />
      <TextField
        label={t("provider.field.locationAddress")}
        {...field("locationAddress")}
        maxLength={300}
        autoComplete="street-address"
      />
      <TextField
        type="url"
        label={t("provider.field.onlineUrl")}
        hint={t("provider.hint.onlineUrl")}
        {...field("onlineUrl")}
        placeholder="https://"
      />
    </fieldset>
  );
}

export function TrainerFields({ staff, selected, errors }: { staff: { id: string; name: string; email: string }[]; selected: string[]; errors: FormErrors }) {
  const { t } = useT();
  return (
    <ChoiceGroup name="trainerIds" legend={t("provider.field.trainers")} error={errors.trainerIds} hint={t("provider.hint.trainers")}>
      {staff.length === 0 ? <p>{t("provider.hint.noStaff")}</p> : null}
      {staff.map((member) => (
        <label key={member.id} className="choice">
          <input type="checkbox" name="trainerIds" value={member.id} defaultChecked={selected.includes(member.id)} /> {member.name}{" "}
          <span className="meta">({member.email})</span>
        </label>
      ))}
    </ChoiceGroup>
  );
}

export function StatusChoice({ value, errors }: { value: string; errors: FormErrors }) {
  const { t } = useT();
  return (
    <ChoiceGroup name="status" legend={t("provider.field.status")} error={errors.status}>
      <label className="choice">
        <input type="radio" name="status" value="published" defaultChecked={value !== "draft"} /> {t("provider.status.publishNow")}
      </label>
      <label className="choice">
        <input type="radio" name="status" value="draft" defaultChecked={value === "draft"} /> {t("provider.status.keepDraft")}
      </label>
    </ChoiceGroup>
  );
}

/** "Alleen deze / Deze en volgende / Hele reeks" for a session in a series. */
export function ScopeChoice({ name, errors }: { name: string; errors: FormErrors }) {
  const { t } = useT();
  const aria = fieldAria(name, errors[name]);
  return (
    <ChoiceGroup name={name} legend={t("provider.field.scope")} error={errors[name]}>
      {(["this", "following", "series"] as const).map((scope) => (
        <label key={scope} className="choice">
          <input type="radio" name={name === "cancelScope" ? "scope" : name} value={scope} defaultChecked={scope === "this"} aria-describedby={aria["aria-describedby"]} />{" "}
          {t(`provider.scope.${scope}`)}
        </label>
      ))}
    </ChoiceGroup>
  );
}
