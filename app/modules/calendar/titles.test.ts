import { describe, expect, it } from "vitest";
import { calendarLocation, calendarTitle } from "./titles";

const trajectory = { title: "Begeleidingstraject met risicotaxatie — Stad Gent (1/6)", visibility: "private" as const, providerName: "Ceapire" };

describe("calendarTitle", () => {
  it("is neutral for a private session outside the app, keeping provider and part", () => {
    expect(calendarTitle(trajectory, "external")).toBe("Afspraak Expertenpool — Ceapire (1/6)");
    expect(calendarTitle({ ...trajectory, providerName: null, title: "Consultatie — Stad Gent" }, "external")).toBe("Afspraak Expertenpool");
  });

  it("is the full title in the app and for public sessions", () => {
    expect(calendarTitle(trajectory, "app")).toBe(trajectory.title);
    expect(calendarTitle({ ...trajectory, visibility: "public" }, "external")).toBe(trajectory.title);
  });
});

describe("calendarLocation", () => {
  it("drops the place's name of a private session", () => {
    expect(calendarLocation({ visibility: "private", locationName: "Stadhuis Gent", locationAddress: "Botermarkt 1, 9000 Gent" })).toBe("Botermarkt 1, 9000 Gent");
    expect(calendarLocation({ visibility: "private", locationName: "Stadhuis Gent", locationAddress: null, online: true })).toBe("Online");
    expect(calendarLocation({ visibility: "private", locationName: "Stadhuis Gent", locationAddress: null })).toBeNull();
    expect(calendarLocation({ visibility: "public", locationName: "Zaal", locationAddress: "Kerkstraat 1" })).toBe("Zaal, Kerkstraat 1");
  });
});
