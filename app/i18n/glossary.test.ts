/** docs/glossary.md's Avoid column, checked against every Dutch catalog text (#12: one word for one thing). */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { accounts } from "./accounts";
import { bookings } from "./bookings";
import { catalog } from "./catalog";
import { common } from "./common";
import { importText } from "./import";
import { privacy } from "./privacy";
import { provider } from "./provider";
import { reports } from "./reports";
import { requests } from "./requests";

type Rule = { term: string; variant: string; test: (text: string) => boolean };

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** The table rows of the glossary: | term | meaning | English | `avoid`, `=avoid` |. */
function glossaryRules(markdown: string): Rule[] {
  const rules: Rule[] = [];
  for (const line of markdown.split("\n")) {
    const cells = line.split("|").map((c) => c.trim());
    if (cells.length < 6 || cells[1] === "nl-BE term" || /^-+$/.test(cells[1]!)) continue;
    const term = cells[1]!;
    for (const [, variant] of cells[4]!.matchAll(/`([^`]+)`/g)) {
      const v = variant!;
      if (v.startsWith("=")) {
        const whole = v.slice(1);
        rules.push({ term, variant: v, test: (text) => text.trim() === whole });
      } else {
        // Whole word, first letter in either case: `Vorm` finds "Vorm" and "vorm", not "Vorming".
        const first = escapeRe(v[0]!);
        const re = new RegExp(`(?<![\\p{L}\\p{N}])[${first.toLowerCase()}${first.toUpperCase()}]${escapeRe(v.slice(1))}(?![\\p{L}\\p{N}])`, "u");
        rules.push({ term, variant: v, test: (text) => re.test(text) });
      }
    }
  }
  return rules;
}

const glossary = readFileSync(path.resolve(import.meta.dirname, "../../docs/glossary.md"), "utf8");
const rules = glossaryRules(glossary);
const dutch = [accounts, bookings, catalog, common, importText, privacy, provider, reports, requests].flatMap((c) =>
  Object.entries(c.nl as Record<string, string>),
);

/** Dutch texts of the mails (emails/*.ts) and the self-service page: their string literals. */
const root = path.resolve(import.meta.dirname, "../..");
const mailSources = [
  ...readdirSync(path.join(root, "emails"))
    .filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts"))
    .map((f) => path.join(root, "emails", f)),
  path.join(root, "app/modules/notifications/self-service-text.ts"),
];
const mailTexts = mailSources.flatMap((file) =>
  [...readFileSync(file, "utf8").matchAll(/"((?:[^"\\\n]|\\.)*)"|`((?:[^`\\]|\\.)*)`/g)].map((m) => [path.relative(root, file), m[1] ?? m[2] ?? ""] as const),
);

describe("glossary", () => {
  it("lists the variants to avoid (the check below is not empty)", () => {
    const variants = rules.map((r) => r.variant);
    for (const v of ["Vorm", "=Plaats", "Consult", "Gepland", "u kan"]) expect(variants).toContain(v);
  });

  it("the rules match what they should and nothing more", () => {
    const hits = (variant: string, text: string) => rules.filter((r) => r.variant === variant).some((r) => r.test(text));
    expect(hits("Vorm", "Vorm")).toBe(true);
    expect(hits("Vorm", "Kies een vorm.")).toBe(true);
    expect(hits("Vorm", "Vormingen en lezingen")).toBe(false);
    expect(hits("=Plaats", "Plaats")).toBe(true);
    expect(hits("=Plaats", "Plaats op de wachtlijst")).toBe(false);
    expect(hits("u kan", "U kan hier boeken.")).toBe(true);
    expect(hits("u kan", "U kunt hier boeken.")).toBe(false);
    expect(hits("Consult", "Consultatie")).toBe(false);
  });

  it("no Dutch text uses a variant the glossary says to avoid", () => {
    const found = dutch.flatMap(([key, text]) => rules.filter((r) => r.test(text)).map((r) => `${key}: "${text}" uses "${r.variant}" (say "${r.term}")`));
    expect(found).toEqual([]);
  });

  it("no mail text uses a word variant the glossary says to avoid", () => {
    expect(mailTexts.length).toBeGreaterThan(100);
    const wordRules = rules.filter((r) => !r.variant.startsWith("="));
    const found = mailTexts.flatMap(([file, text]) => wordRules.filter((r) => r.test(text)).map((r) => `${file}: "${text}" uses "${r.variant}"`));
    expect(found).toEqual([]);
  });
});
