import { useT } from "~/i18n";
import type { FieldError } from "../form";
import { TextField } from "./form";

/** "New password" and "Repeat it": the set-password page and the account page ask the same two fields. */
export function NewPasswordFields({ errors }: { errors: { password?: FieldError; confirm?: FieldError } }) {
  const { t } = useT();
  return (
    <>
      <TextField
        name="password"
        type="password"
        label={t("accounts.field.newPassword")}
        hint={t("accounts.field.newPasswordHint")}
        autoComplete="new-password"
        minLength={12}
        required
        error={errors.password}
      />
      <TextField
        name="confirm"
        type="password"
        label={t("accounts.field.confirmPassword")}
        autoComplete="new-password"
        required
        error={errors.confirm}
      />
    </>
  );
}
