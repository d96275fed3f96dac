/** The message catalogs (#12 glossary): nl-BE "u kunt", plurals through Intl.PluralRules, dates in words. */
import { describe, expect, it } from "vitest";
import { accounts } from "./accounts";
import { bookings } from "./bookings";
import { catalog } from "./catalog";
import { common } from "./common";
import { formats } from "./formats";
import { pluralTranslator } from "./index";
import { planner } from "./planner";
import { provider } from "./provider";
import { requests } from "./requests";

const all = [accounts, bookings, catalog, common, formats, provider, requests, planner];
const entries = (locale: "nl" | "en") => all.flatMap((c) => Object.entries(c[locale] as Record<string, string>));

describe("message catalogs", () => {
  it.each(["nl", "en"] as const)("%s: no bracket plurals and no ISO dates", (locale) => {
    for (const [key, text] of entries(locale)) {
      expect(text, key).not.toMatch(/\((en|s|len|'s)\)/);
      expect(text, key).not.toMatch(/\b\d{4}-\d{2}-\d{2}\b/);
    }
  });

  it("nl says 'u kunt', never 'U kan'/'u kan'", () => {
    for (const [key, text] of entries("nl")) expect(text, key).not.toMatch(/\b[Uu] kan\b/);
  });

  it("plurals come from Intl.PluralRules", () => {
    const tp = pluralTranslator("nl");
    expect(tp("catalog.search.found", 1)).toBe("1 sessie gevonden");
    expect(tp("catalog.search.found", 0)).toBe("0 sessies gevonden");
    expect(tp("catalog.search.moreDates", 4)).toBe("nog 4 data");
    expect(pluralTranslator("en")("catalog.search.moreDates", 1)).toBe("1 more date");
  });

  it("writes counts the locale's way", () => {
    expect(pluralTranslator("nl")("catalog.search.found", 12345)).toBe("12.345 sessies gevonden");
    expect(pluralTranslator("en")("catalog.search.found", 1000)).toBe("1,000 sessions found");
    expect(pluralTranslator("nl")("catalog.search.found", 999)).toBe("999 sessies gevonden");
  });
});
