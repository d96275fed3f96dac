/**
 * A provider's catalog items: create and edit an offering. The slug is derived from the
 * title once and stays (it is in public URLs); it is unique per provider.
 */
import { and, eq, like } from "drizzle-orm";
import { offerings } from "#db/schema";
import { db } from "../../utils/db.server";
import { DomainError, pgErrorCode } from "../../utils/errors";
import type { ProviderActor } from "../accounts/actors";
import { audit } from "../audit/audit.server";
import type { OfferingInput } from "./schemas";

/** "Intervisie: één dag" → "intervisie-een-dag". */
export function slugify(title: string): string {
  const slug = title
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 80)
    .replace(/-+$/, "");
  return slug || "aanbod";
}

/** The columns an offering's form or API input sets (the slug and the provider are set once, at creation). */
function offeringFields(input: OfferingInput) {
  return {
    title: input.title,
    description: input.description ?? "",
    format: input.format,
    deliveryMode: input.deliveryMode,
    durationMinutes: input.durationMinutes,
    bookingMode: input.bookingMode,
    defaultCapacity: input.defaultCapacity,
    hoursNote: input.hoursNote ?? null,
    programme: input.programme || null,
    audience: input.audience || null,
    sessionCount: input.sessionCount ?? null,
    intake: input.intake ?? false,
    spanMonths: input.spanMonths ?? null,
  };
}

/** The first free slug of the provider: base, base-2, base-3, … */
async function freeSlug(providerId: string, base: string): Promise<string> {
  const taken = new Set(
    (
      await db()
        .select({ slug: offerings.slug })
        .from(offerings)
        .where(and(eq(offerings.providerId, providerId), like(offerings.slug, `${base}%`)))
    ).map((r) => r.slug),
  );
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}

export async function createOffering(args: { actor: ProviderActor; input: OfferingInput; now: Date }): Promise<{ id: string; slug: string }> {
  const { actor, input, now } = args;
  const base = slugify(input.title);
  // Two planners creating the same title at once: the unique index decides, the loser takes the next slug.
  for (let attempt = 0; ; attempt++) {
    const slug = await freeSlug(actor.providerId, base);
    try {
      return await db().transaction(async (tx) => {
        const [row] = await tx
          .insert(offerings)
          .values({ providerId: actor.providerId, slug, ...offeringFields(input), createdAt: now, updatedAt: now })
          .returning({ id: offerings.id, slug: offerings.slug });
        await audit(tx, {
          actorUserId: actor.userId,
          organisationId: actor.providerId,
          action: "offering.created",
          subjectType: "offering",
          subjectId: row!.id,
          data: { slug, title: input.title, format: input.format },
          at: now,
        });
        return row!;
      });
    } catch (e) {
      if (pgErrorCode(e) === "23505" && attempt < 5) continue;
      throw e;
    }
  }
}

export async function updateOffering(args: {
  actor: ProviderActor;
  offeringId: string;
  input: OfferingInput;
  now: Date;
}): Promise<{ id: string; slug: string }> {
  const { actor, input, now } = args;
  return db().transaction(async (tx) => {
    const [before] = await tx
      .select()
      .from(offerings)
      .where(and(eq(offerings.id, args.offeringId), eq(offerings.providerId, actor.providerId)))
      .for("update");
    if (!before) throw new DomainError("NOT_FOUND", "No such offering.");
    const next = offeringFields(input);
    const changed = (Object.keys(next) as (keyof typeof next)[]).filter((k) => next[k] !== before[k]);
    await tx
      .update(offerings)
      .set({ ...next, updatedAt: now })
      .where(and(eq(offerings.id, before.id), eq(offerings.providerId, actor.providerId)));
    await audit(tx, {
      actorUserId: actor.userId,
      organisationId: actor.providerId,
      action: "offering.updated",
      subjectType: "offering",
      subjectId: before.id,
      data: { changed },
      at: now,
    });
    return { id: before.id, slug: before.slug };
  });
}
