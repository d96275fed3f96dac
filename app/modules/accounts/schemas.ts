/**
 * Client-safe zod schemas of the accounts area: the same schema validates the form and
 * the API. Messages are i18n keys ("accounts.error.…"); forms show them in the visitor's
 * language, the API in English.
 */
import { z } from "zod";
import type { MessageKey } from "~/i18n";
import { text } from "~/utils/text";

const email = z
  .string({ error: "accounts.error.emailRequired" })
  .trim()
  .toLowerCase()
  .min(1, { error: "accounts.error.emailRequired" })
  .max(254, { error: "accounts.error.emailInvalid" })
  .pipe(z.email({ error: "accounts.error.emailInvalid" }));

const loginPassword = z
  .string({ error: "accounts.error.passwordRequired" })
  .min(1, { error: "accounts.error.passwordRequired" })
  .max(1024, { error: "accounts.error.passwordTooLong" });

export const MIN_PASSWORD_LENGTH = 12;

const newPassword = z
  .string({ error: "accounts.error.passwordTooShort" })
  .min(MIN_PASSWORD_LENGTH, { error: "accounts.error.passwordTooShort" })
  .max(1024, { error: "accounts.error.passwordTooLong" });

const name = text({
  min: 1,
  max: 200,
  messages: { required: "accounts.error.nameRequired", tooLong: "accounts.error.nameTooLong", control: "accounts.error.controlCharacters" },
});

export const roles = ["admin", "provider", "coordinator"] as const;
export const organisationKinds = ["provider", "municipality", "operator"] as const;

/** The login form. */
export const loginSchema = z.object({
  email,
  password: loginPassword,
});

/** POST /api/v1/auth/token */
export const tokenRequestSchema = z.object({
  email: email.meta({ description: "The account's e-mail address (case-insensitive).", example: "coordinator@gent.test" }),
  password: loginPassword,
  expiresInDays: z
    .number({ error: "accounts.error.expiresInDays" })
    .int({ error: "accounts.error.expiresInDays" })
    .min(1, { error: "accounts.error.expiresInDays" })
    .max(365, { error: "accounts.error.expiresInDays" })
    .optional()
    .meta({ description: "Lifetime of the token in days (1–365). Default 30." }),
});

export const apiUserSchema = z.object({
  id: z.uuid(),
  email: z.string(),
  name: z.string(),
  role: z.enum(roles),
  organisation: z.object({
    id: z.uuid(),
    slug: z.string(),
    name: z.string(),
    kind: z.enum(organisationKinds),
  }),
});

export const tokenResponseSchema = z.object({
  token: z.string().meta({ description: "Send it as `Authorization: Bearer <token>`. Shown only once." }),
  expiresAt: z.string().meta({ description: "ISO-8601 instant with the Brussels offset.", example: "2027-03-30T14:00:00+02:00" }),
  user: apiUserSchema,
});

export const meResponseSchema = z.object({
  user: apiUserSchema,
  calendarFeedUrl: z.string().meta({ description: "Personal iCalendar subscription feed. Keep it secret." }),
});

/** Operator: new organisation. Operators themselves are not created here. */
export const createOrganisationSchema = z.object({
  kind: z.enum(["provider", "municipality"], { error: "accounts.error.kindRequired" }),
  name,
  slug: z
    .string({ error: "accounts.error.slugInvalid" })
    .trim()
    .min(2, { error: "accounts.error.slugInvalid" })
    .max(60, { error: "accounts.error.slugInvalid" })
    .regex(/^[a-z0-9-]+$/, { error: "accounts.error.slugInvalid" }),
  description: text({
    max: 2000,
    multiline: true,
    messages: { tooLong: "accounts.error.descriptionTooLong", control: "accounts.error.controlCharacters" },
  })
    .optional()
    .default(""),
});

/** Operator: new account in an organisation (the role follows from the organisation's kind). */
export const createUserSchema = z.object({ name, email });

/** The set-password page. */
export const setPasswordSchema = z
  .object({
    password: newPassword,
    confirm: z.string({ error: "accounts.error.passwordMismatch" }),
  })
  .refine((v) => v.password === v.confirm, { path: ["confirm"], error: "accounts.error.passwordMismatch" });

/** The account page: a new password, confirmed, and the current one. */
export const changePasswordSchema = z
  .object({
    currentPassword: loginPassword,
    password: newPassword,
    confirm: z.string({ error: "accounts.error.passwordMismatch" }).max(1024, { error: "accounts.error.passwordTooLong" }),
  })
  .refine((v) => v.password === v.confirm, { path: ["confirm"], error: "accounts.error.passwordMismatch" });

export type FieldErrors = Record<string, MessageKey>;

function isAccountsKey(message: string): message is MessageKey {
  return message.startsWith("accounts.");
}

/** zod issues as field → message key (first issue per field). */
export function fieldErrors(error: z.ZodError): FieldErrors {
  const fields: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.length ? issue.path.map(String).join(".") : "_";
    fields[key] ??= isAccountsKey(issue.message) ? issue.message : "accounts.error.invalid";
  }
  return fields;
}

/** A form's fields as plain strings (file inputs ignored), for parsing with a schema. */
export function formValues(form: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of form) if (typeof value === "string") values[key] = value;
  return values;
}
