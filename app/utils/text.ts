/**
 * Client-safe: the one zod helper for text fields, used by every schema in
 * app/modules/<area>/schemas.ts. Every text field has an explicit maximum length and
 * refuses control characters (422 in the API, a message next to the field in forms):
 * a NUL byte can't be stored in PostgreSQL, and the rest have no business in names,
 * subjects or messages. Long text may hold tab, newline and carriage return (browsers
 * send a textarea's line breaks as CRLF); one-line text only tab.
 */
import { z } from "zod";

/** Unpaired surrogates can't be encoded as UTF-8 (PostgreSQL would refuse or mangle them). */
const loneSurrogate = /\p{Cs}/u;

export const CONTROL_CHARACTER_MESSAGE = "Must not contain control characters.";

/**
 * Does the value hold a character that no text field accepts: a C0 control but tab (and,
 * in long text, LF and CR), DEL, a C1 control, or an unpaired surrogate?
 */
export function hasControlCharacters(value: string, { multiline = false }: { multiline?: boolean } = {}): boolean {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c === 0x09 || (multiline && (c === 0x0a || c === 0x0d))) continue;
    if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) return true;
  }
  return loneSurrogate.test(value);
}

export type TextOptions = {
  /** Explicit upper bound (characters, after trimming). */
  max: number;
  min?: number;
  /** Long text (descriptions, messages): tab, newline and CR allowed. Default: one line. */
  multiline?: boolean;
  /** Trim white space at both ends (default true). */
  trim?: boolean;
  /** Messages (English for the API, or i18n keys for forms that render keys). */
  messages?: { required?: string; tooShort?: string; tooLong?: string; control?: string };
};

/**
 * A text field: a string, trimmed, between `min` and `max` characters, without control
 * characters. Chain `.optional()`, `.nullish()`, `.meta()` as with any zod string.
 */
export function text({ max, min = 0, multiline = false, trim = true, messages = {} }: TextOptions) {
  let schema = messages.required ? z.string({ error: messages.required }) : z.string();
  if (trim) schema = schema.trim();
  if (min > 0) schema = schema.min(min, { error: messages.tooShort ?? messages.required ?? `At least ${min} characters.` });
  return schema
    .max(max, { error: messages.tooLong ?? `At most ${max} characters.` })
    .refine((v) => !hasControlCharacters(v, { multiline }), { error: messages.control ?? CONTROL_CHARACTER_MESSAGE });
}
