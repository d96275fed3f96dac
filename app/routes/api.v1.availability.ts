import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { providerActor } from "~/modules/accounts/actors";
import { requireApiRole } from "~/modules/accounts/guards.server";
import { loadAvailability, saveAvailability } from "~/modules/availability/availability.server";
import { availabilitySchema } from "~/modules/sessions/schemas";
import { isUuid, json, methodNotAllowed, readJson, readQuery, withApi } from "~/utils/api.server";
import { db } from "~/utils/db.server";

const query = z.strictObject({ trainerId: z.uuid().optional() });

async function current(providerId: string, trainerId: string | null) {
  const availability = await loadAvailability(db(), providerId, trainerId);
  return availability ?? { timeZone: "Europe/Brussels", weekly: [], exceptions: [] };
}

/** GET /api/v1/availability[?trainerId=]: the provider's (or a trainer's) weekly hours and exceptions. */
export function loader({ request }: LoaderFunctionArgs) {
  return withApi(async () => {
    const user = await requireApiRole(request, "provider");
    const { trainerId } = readQuery(request, query);
    return json(await current(user.organisation.id, trainerId ?? null));
  });
}

/** PUT /api/v1/availability {timeZone, trainerId?, weekly, exceptions}: replaces them. */
export function action({ request }: ActionFunctionArgs) {
  return withApi(async () => {
    if (request.method !== "PUT") return methodNotAllowed(["GET", "PUT"]);
    const user = await requireApiRole(request, "provider");
    const body = await readJson(request, availabilitySchema);
    const trainerId = body.trainerId && isUuid(body.trainerId) ? body.trainerId : null;
    const actor = providerActor(user);
    await saveAvailability({ actor, trainerUserId: trainerId, availability: body, now: new Date() });
    return json(await current(actor.providerId, trainerId));
  });
}

