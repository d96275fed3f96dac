import { useT } from "~/i18n";
import type { FieldError } from "../form";
import { TextField } from "./form";

/** A required password field; autocomplete says which password (current or new) the browser should offer. */
export function PasswordField({
  autoComplete,
  minLength,
  ...field
}: { name: string; label: string; hint?: string; error?: FieldError; autoComplete: "current-password" | "new-password"; minLength?: number }) {
  return <TextField {...field} type="password" autoComplete={autoComplete} minLength={minLength} required />;
}

/** "New password" and "Repeat it": the set-password page and the account page ask the same two fields. */
export function NewPasswordFields({ errors }: { errors: { password?: FieldError; confirm?: FieldError } }) {
  const { t } = useT();
  return (
    <>
      <PasswordField
        name="password"
        label={t("accounts.field.newPassword")}
        hint={t("accounts.field.newPasswordHint")}
        autoComplete="new-password"
        minLength={12}
        error={errors.password}
      />
      <PasswordField name="confirm" label={t("accounts.field.confirmPassword")} autoComplete="new-password" error={errors.confirm} />
    </>
  );
}
