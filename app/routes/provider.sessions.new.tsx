import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { boundFields, Options, SubmitButtons } from "~/components/form";
import { BackLink, titleMeta } from "~/components/page";
import {
  CapacityFields,
  PlaceFields,
  StatusChoice,
  sessionFieldLabels,
  TrainerFields,
  WhenFields,
} from "~/components/provider/session-fields";
import { ChoiceGroup, ErrorSummary, SelectField, TextField, weekdayNames } from "~/components/provider/ui";
import { useT } from "~/i18n";
import { requireRole } from "~/modules/accounts/guards.server";
import { defaultTimes, type FormErrors, readSessionForm, type SessionFormValues } from "~/modules/sessions/form";
import type { Format } from "~/modules/sessions/formats";
import { plannerActor, submitNewSession } from "~/modules/sessions/pages.server";
import { newSessionChoices } from "~/modules/sessions/queries.server";
import { nthOptions, rruleWeekdays } from "~/modules/sessions/repeat-form";
import { formatRange } from "~/modules/time/brussels";

export const meta: MetaFunction = ({ matches }) => titleMeta(matches, "provider.newSession.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "provider");
  const { offerings, staff } = await newSessionChoices(user.organisation.id);
  const selected = new URL(request.url).searchParams.get("offering") ?? "";
  return {
    offerings: offerings.map((o) => ({
      id: o.id,
      title: o.title,
      format: o.format,
      deliveryMode: o.deliveryMode,
      bookingMode: o.bookingMode,
      defaultCapacity: o.defaultCapacity,
      ...defaultTimes({ format: o.format as Format, durationMinutes: o.durationMinutes }),
    })),
    staff,
    selected: offerings.some((o) => o.id === selected) ? selected : "",
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, "provider");
  const form = await request.formData();
  const values = readSessionForm(form);
  const intent = form.get("intent") === "preview" ? "preview" : "save";
  const result = await submitNewSession({ actor: plannerActor(user), values, intent, now: new Date() });
  if (!result.ok) return data({ values, errors: result.errors, formError: result.formError, preview: null }, result.status);
  if ("preview" in result) return data({ values, errors: {} as FormErrors, formError: undefined, preview: result.preview });
  throw redirect(`/provider/sessions/${result.sessionIds[0]}?created=${result.sessionIds.length}`);
}

const empty: SessionFormValues = {
  offeringId: "",
  date: "",
  startTime: "",
  endTime: "",
  capacity: "",
  maxSeatsPerMunicipality: "",
  deadlineDate: "",
  deadlineTime: "",
  locationName: "",
  locationAddress: "",
  onlineUrl: "",
  trainerIds: [],
  status: "published",
  skip: [],
  keepHoliday: [],
  repeat: "none",
  interval: "2",
  nth: "",
  weekday: "",
  end: "count",
  count: "4",
  until: "",
};

/** The repeat's numbers (every n weeks, n times): at least 2. */
const repeatNumber = (max: number) => ({ type: "number", min: 2, max, inputMode: "numeric" }) as const;

export default function NewSession() {
  const { offerings, staff, selected } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t, locale } = useT();
  const busy = useNavigation().state === "submitting";
  const preselected = offerings.find((o) => o.id === selected);
  const values: SessionFormValues = result?.values ?? {
    ...empty,
    offeringId: selected,
    startTime: preselected?.startTime ?? "",
    endTime: preselected?.endTime ?? "",
    capacity: preselected ? String(preselected.defaultCapacity) : "",
  };
  const errors = result?.errors ?? {};
  const field = boundFields(values, errors);

  // With JavaScript, choosing an offering fills the times and capacity of its format;
  // without, the server applies the same defaults to fields left empty.
  const [offeringId, setOfferingId] = useState(values.offeringId);
  const [times, setTimes] = useState({ startTime: values.startTime, endTime: values.endTime });
  const [capacity, setCapacity] = useState(values.capacity);
  const offering = offerings.find((o) => o.id === offeringId);
  function chooseOffering(id: string) {
    const previous = offerings.find((o) => o.id === offeringId);
    const next = offerings.find((o) => o.id === id);
    setOfferingId(id);
    if (!next) return;
    const untouched = (value: string, prior: string | undefined) => value === "" || value === prior;
    setTimes((current) => ({
      startTime: untouched(current.startTime, previous?.startTime) ? next.startTime : current.startTime,
      endTime: untouched(current.endTime, previous?.endTime) ? next.endTime : current.endTime,
    }));
    setCapacity((current) => (untouched(current, previous ? String(previous.defaultCapacity) : undefined) ? String(next.defaultCapacity) : current));
  }

  const previewRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (result?.preview) previewRef.current?.focus();
  }, [result]);

  const weekdays = weekdayNames(locale);
  const labels = sessionFieldLabels(t);
  return (
    <>
      <BackLink to="/provider">{t("provider.dashboard.title")}</BackLink>
      <h1>{t("provider.newSession.title")}</h1>
      {offerings.length === 0 ? <p className="notice">{t("provider.newSession.noOfferings")}</p> : null}
      <ErrorSummary trigger={result} formError={result?.formError} errors={errors} labels={labels} />
      <Form method="post" className="stack wide session-form" noValidate>
        <fieldset className="form-section">
          <legend>{t("provider.section.what")}</legend>
          <SelectField
            name="offeringId"
            label={t("provider.field.offering")}
            value={offeringId}
            onChange={(e) => chooseOffering(e.currentTarget.value)}
            error={errors.offeringId}
            hint={offering ? t("provider.hint.formatDefaults", { format: t(`provider.format.${offering.format}`), start: offering.startTime, end: offering.endTime }) : t("provider.hint.chooseOffering")}
            required
          >
            <Options empty={t("provider.choose")} values={offerings} value={(o) => o.id} label={(o) => <>{o.title} ({t(`provider.format.${o.format}`)})</>} />
          </SelectField>
          <StatusChoice value={values.status} errors={errors} />
        </fieldset>

        <WhenFields values={{ date: values.date, ...times }} errors={errors} controlled onTimeChange={(field, value) => setTimes((c) => ({ ...c, [field]: value }))} />

        <fieldset className="form-section">
          <legend>{t("provider.field.repeat")}</legend>
          <ChoiceGroup name="repeat" legend={t("provider.repeat.how")} error={errors.repeat}>
            {(["none", "weekly", "weeks", "monthly"] as const).map((kind) => (
              <label key={kind} className="choice">
                <input type="radio" name="repeat" value={kind} defaultChecked={values.repeat === kind} /> {t(`provider.repeat.${kind}`)}
              </label>
            ))}
          </ChoiceGroup>
          <div className="field-row">
            <TextField {...repeatNumber(52)} label={t("provider.field.interval")} hint={t("provider.hint.interval")} {...field("interval")} />
            <SelectField label={t("provider.field.nth")} {...field("nth")} hint={t("provider.hint.monthly")}>
              <Options empty={t("provider.repeat.likeStart")} values={nthOptions} value={(n) => String(n)} label={(n) => t(n === -1 ? "provider.nth.last" : (`provider.nth.${n}` as "provider.nth.1"))} />
            </SelectField>
            <SelectField label={t("provider.field.weekday")} {...field("weekday")}>
              <Options empty={t("provider.repeat.likeStart")} values={rruleWeekdays} label={(_code, i) => weekdays[i]} />
            </SelectField>
          </div>
          <ChoiceGroup name="end" legend={t("provider.field.repeatEnd")} error={errors.end}>
            <label className="choice">
              <input type="radio" name="end" value="count" defaultChecked={values.end !== "until"} /> {t("provider.repeat.endCount")}
            </label>
            <label className="choice">
              <input type="radio" name="end" value="until" defaultChecked={values.end === "until"} /> {t("provider.repeat.endUntil")}
            </label>
          </ChoiceGroup>
          <div className="field-row">
            <TextField {...repeatNumber(104)} label={t("provider.field.count")} {...field("count")} />
            <TextField type="date" label={t("provider.field.until")} {...field("until")} />
          </div>
        </fieldset>

        <CapacityFields
          values={values}
          errors={errors}
          capacityHint={offering ? t("provider.hint.capacityDefault", { n: offering.defaultCapacity }) : undefined}
          capacityProps={{ value: capacity, onChange: (e) => setCapacity(e.currentTarget.value) }}
        />
        <PlaceFields values={values} errors={errors} online={offering?.deliveryMode === "online"} />
        <TrainerFields staff={staff} selected={values.trainerIds} errors={errors} />

        {result?.preview ? (
          <section className="preview" aria-labelledby="preview-title">
            <h2 id="preview-title" tabIndex={-1} ref={previewRef}>
              {t("provider.preview.title")}
            </h2>
            <p>{t("provider.preview.intro", { n: result.preview.length })}</p>
            {result.preview.some((d) => d.holiday) ? <p className="hint">{t("provider.preview.holidayHint")}</p> : null}
            <ChoiceGroup name="skip" legend={t("provider.preview.legend")} error={errors.skip}>
              <ol className="preview-dates">
                {result.preview.map((d) => (
                  <li key={d.date}>
                    <span className="preview-when">{formatRange(new Date(d.startsAt), new Date(d.endsAt), locale)}</span>{" "}
                    {d.outside ? <span className="badge danger">{t("provider.preview.outside")}</span> : null}{" "}
                    {d.past ? <span className="badge warn">{t("provider.preview.past")}</span> : null}{" "}
                    {d.holiday ? (
                      <>
                        <span className="badge warn holiday">{t("provider.preview.holiday", { name: t(`holiday.${d.holiday}`) })}</span>{" "}
                        <label className="choice skip-choice">
                          <input type="checkbox" name="keepHoliday" value={d.date} defaultChecked={values.keepHoliday?.includes(d.date)} />{" "}
                          {t("provider.preview.keepHoliday")}
                          <span className="visually-hidden"> {formatRange(new Date(d.startsAt), new Date(d.endsAt), locale)}</span>
                        </label>
                      </>
                    ) : (
                      <label className="choice skip-choice">
                        <input type="checkbox" name="skip" value={d.date} defaultChecked={values.skip.includes(d.date)} />{" "}
                        {t("provider.preview.skip")}
                        <span className="visually-hidden"> {formatRange(new Date(d.startsAt), new Date(d.endsAt), locale)}</span>
                      </label>
                    )}
                  </li>
                ))}
              </ol>
            </ChoiceGroup>
          </section>
        ) : null}

        <SubmitButtons
          disabled={busy}
          buttons={[
            { intent: "preview", className: "secondary", label: t("provider.preview.button") },
            { intent: "save", className: "primary", label: t("provider.save") },
          ]}
        />
      </Form>
    </>
  );
}
