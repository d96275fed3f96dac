import type { ActionFunctionArgs } from "@remix-run/node";
import { providerActor } from "~/modules/accounts/actors";
import { requireApiRole } from "~/modules/accounts/guards.server";
import { proposeSlots } from "~/modules/requests/requests.server";
import { proposalSchema } from "~/modules/requests/schemas";
import { serializeProposal } from "~/modules/requests/serialize";
import { json, methodNotAllowed, readJson, resourcePost, withApi } from "~/utils/api.server";

/** POST /api/v1/requests/:id/proposals {slots, message?} — the provider proposes slots inside its available hours. */
export function action({ request, params }: ActionFunctionArgs) {
  return resourcePost({ request, params }, "request", (r) => requireApiRole(r, "provider"), async (user, requestId) => {
    const input = await readJson(request, proposalSchema);
    const actor = providerActor(user);
    const proposal = await proposeSlots({ actor, requestId, input, now: new Date() });
    return json({ proposal: serializeProposal({ id: proposal.proposalId, slots: proposal.slots }) }, 201);
  });
}

export function loader() {
  return withApi(async () => methodNotAllowed(["POST"]));
}
