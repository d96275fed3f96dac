import { z } from "zod";

/** One e-mail address to look up or erase (query string or JSON body). */
export const subjectQuerySchema = z.strictObject({
  email: z.string("Give an e-mail address.").trim().max(254, "At most 254 characters.").pipe(z.email("Give a valid e-mail address.")),
});
export type SubjectQuery = z.infer<typeof subjectQuerySchema>;
