/** The accounts forms' parts: field ids "field-email". */
import { formParts } from "../form";

export const { fieldId, ErrorText, TextField, TextAreaField, ErrorSummary } = formParts({ idPrefix: "field", summary: "accounts.form.errorSummary" });
