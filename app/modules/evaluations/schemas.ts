/** The evaluation form: everything optional. Client-safe. */
import { z } from "zod";

export const MAX_COMMENT = 2000;
/** Averages and comments are shown only from this many answers on, so nobody is singled out. */
export const ANONYMITY_THRESHOLD = 3;
/** The form stays open (answer and edit) this many days after the session ends. */
export const EVALUATION_OPEN_DAYS = 14;

const score = z
  .union([z.literal(""), z.coerce.number().int().min(1).max(5)], "Choose 1 to 5.")
  .transform((v) => (v === "" ? null : v))
  .nullish()
  .transform((v) => v ?? null);

/** Control characters other than tab, newline and carriage return. */
function isControl(ch: string): boolean {
  const c = ch.charCodeAt(0);
  return (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) || c === 0x7f;
}

const comment = z
  .string()
  .max(MAX_COMMENT, `At most ${MAX_COMMENT} characters.`)
  .refine((v) => ![...v].some(isControl), "Control characters are not allowed.")
  .transform((v) => v.trim() || null)
  .nullish()
  .transform((v) => v ?? null);

export const evaluationSchema = z.object({
  usefulness: score,
  trainer: score,
  willUse: comment,
  missing: comment,
});
export type EvaluationInput = z.output<typeof evaluationSchema>;
