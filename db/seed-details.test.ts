import { describe, expect, it } from "vitest";
import { offeringSchema } from "../app/modules/sessions/schemas";
import { providers } from "./seed-data";
import { offeringDetails } from "./seed-details";

const offerings = providers.flatMap((p) => p.offerings.map((o) => ({ key: `${p.slug}/${o.slug}`, offering: o })));

describe("demo offerings' programme and audience (#12)", () => {
  it("every demo offering has a programme and an audience, and every entry names a demo offering", () => {
    expect(Object.keys(offeringDetails).sort()).toEqual(offerings.map((o) => o.key).sort());
  });

  it("each offering with its details passes the offering form's own schema (lengths bounded)", () => {
    for (const { key, offering } of offerings) {
      const d = offeringDetails[key]!;
      const parsed = offeringSchema.safeParse({
        title: offering.title,
        description: offering.description,
        format: offering.format,
        deliveryMode: offering.deliveryMode,
        durationMinutes: offering.durationMinutes,
        bookingMode: offering.bookingMode,
        defaultCapacity: offering.defaultCapacity,
        hoursNote: offering.hoursNote ?? null,
        programme: d.programme,
        audience: d.audience,
        sessionCount: d.sessionCount ?? null,
        intake: d.intake ?? false,
        spanMonths: d.spanMonths ?? null,
      });
      expect(parsed.error?.issues, key).toBeUndefined();
    }
  });

  it("the multi-session shapes match what the page says: 5 sessions (Ceapire), intake + 6 sessions (Netwerk)", () => {
    expect(offeringDetails["ceapire/risicotaxatietraject"]).toMatchObject({ sessionCount: 5 });
    expect(offeringDetails["netwerk-islamexperten/anti-radicaliseringstraject"]).toMatchObject({ sessionCount: 6, intake: true });
    // "De aard en duur van deze begeleiding worden in onderlinge overeenstemming bepaald": no count.
    expect(offeringDetails["netwerk-islamexperten/beleidsondersteuning"]?.sessionCount).toBeUndefined();
  });
});
