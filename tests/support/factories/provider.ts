/** Data for the provider planner's tests: offerings. */
import { randomBytes } from "node:crypto";
import { offerings } from "../../../db/schema";
import { db } from "../../../app/utils/db.server";

export async function createOfferingRow(
  providerId: string,
  fields: Partial<typeof offerings.$inferInsert> = {},
): Promise<typeof offerings.$inferSelect> {
  const slug = fields.slug ?? `aanbod-${randomBytes(3).toString("hex")}`;
  const [row] = await db()
    .insert(offerings)
    .values({
      providerId,
      slug,
      title: "Intervisie radicalisering",
      format: "intervision",
      deliveryMode: "on_site",
      durationMinutes: 150,
      bookingMode: "open",
      defaultCapacity: 12,
      ...fields,
    })
    .returning();
  return row!;
}
