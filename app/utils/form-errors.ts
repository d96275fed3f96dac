/** Client-safe: the messages web forms show next to their fields. */
import type { MessageKey } from "~/i18n";

/** One message next to one field: an i18n key and its variables. */
export type FormError = { key: MessageKey; vars?: Record<string, string | number> };

/** Messages by field name ("title", "attendees.1.email"). */
export type FormErrors = Partial<Record<string, FormError>>;
