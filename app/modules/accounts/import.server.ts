/**
 * CSV import of municipalities with their coordinators (issue #13): parse (bounded), check
 * row by row, plan (the dry run: what would change, nothing written) and apply the plan in
 * one transaction, audited; new coordinators get a set-password link like the operator's
 * "new account" flow (issuePasswordLink).
 */
import { eq, inArray, sql } from "drizzle-orm";
import type { DbOrTx, Tx } from "#db/client";
import { memberships, organisations, users } from "#db/schema";
import { db } from "../../utils/db.server";
import { DomainError } from "../../utils/errors";
import { audit } from "../audit/audit.server";
import { parseEmailDomains } from "../bookings/email-domains.server";
import { issuePasswordLink } from "./admin.server";
import type { CurrentUser } from "./current-user";

import { MAX_IMPORT_BYTES, MAX_IMPORT_ROWS } from "./import-limits";

export { MAX_IMPORT_BYTES, MAX_IMPORT_ROWS };

const HEADER = ["naam", "slug", "coordinator_naam", "coordinator_email", "domeinen"] as const;
const SLUG = /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/;
const EMAIL = /^[^\s@<>",;]{1,64}@[^\s@<>",;]{1,189}\.[^\s@<>",;]{2,63}$/;

export type ImportErrorKey =
  | "import.error.header"
  | "import.error.columns"
  | "import.error.name"
  | "import.error.slug"
  | "import.error.coordinatorName"
  | "import.error.email"
  | "import.error.domains"
  | "import.error.duplicateSlug"
  | "import.error.duplicateEmail"
  | "import.error.slugNotMunicipality"
  | "import.error.emailElsewhere";
export type ImportError = { line: number; key: ImportErrorKey };
export type ImportRow = { line: number; name: string; slug: string; coordinatorName: string; coordinatorEmail: string; domains: string[] };

/** One CSV record per line (quotes "…" with "" inside; no line breaks inside a field). */
function splitLine(line: string, delimiter: string): string[] {
  const out: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field.trim() === "") {
      quoted = true;
      field = "";
    } else if (c === delimiter) {
      out.push(field.trim());
      field = "";
    } else field += c;
  }
  out.push(field.trim());
  return out;
}

/**
 * Parse and check the CSV: `;` or `,` (whichever the header uses), the header row first,
 * at most MAX_IMPORT_BYTES and MAX_IMPORT_ROWS (a larger file is refused as a whole).
 * Domains within a field are separated by spaces or `|`.
 */
export function parseImportCsv(text: string): { rows: ImportRow[]; errors: ImportError[]; tooLarge: boolean } {
  const rows: ImportRow[] = [];
  const errors: ImportError[] = [];
  if (Buffer.byteLength(text, "utf8") > MAX_IMPORT_BYTES) return { rows, errors, tooLarge: true };
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/);
  const headerIndex = lines.findIndex((l) => l.trim() !== "");
  if (headerIndex < 0) return { rows, errors: [{ line: 1, key: "import.error.header" }], tooLarge: false };
  const headerLine = lines[headerIndex]!;
  const delimiter = headerLine.includes(";") ? ";" : ",";
  const header = splitLine(headerLine, delimiter).map((h) => h.toLowerCase());
  if (header.length !== HEADER.length || HEADER.some((h, i) => header[i] !== h)) {
    return { rows, errors: [{ line: headerIndex + 1, key: "import.error.header" }], tooLarge: false };
  }
  const dataLines = lines.slice(headerIndex + 1).filter((l) => l.trim() !== "").length;
  if (dataLines > MAX_IMPORT_ROWS) return { rows, errors, tooLarge: true };
  const slugs = new Map<string, number>();
  const emails = new Map<string, number>();
  for (let i = headerIndex + 1; i < lines.length; i++) {
    const raw = lines[i]!;
    if (raw.trim() === "") continue;
    const line = i + 1;
    const cells = splitLine(raw, delimiter);
    if (cells.length !== HEADER.length) {
      errors.push({ line, key: "import.error.columns" });
      continue;
    }
    const [name, slugRaw, coordinatorName, emailRaw, domainsRaw] = cells as [string, string, string, string, string];
    const slug = slugRaw.toLowerCase();
    const coordinatorEmail = emailRaw.toLowerCase();
    const before = errors.length;
    if (name.length < 1 || name.length > 200) errors.push({ line, key: "import.error.name" });
    if (!SLUG.test(slug)) errors.push({ line, key: "import.error.slug" });
    if (coordinatorName.length < 1 || coordinatorName.length > 200) errors.push({ line, key: "import.error.coordinatorName" });
    if (coordinatorEmail.length > 254 || !EMAIL.test(coordinatorEmail)) errors.push({ line, key: "import.error.email" });
    const parsedDomains = parseEmailDomains(domainsRaw.split(/[\s|]+/).join("\n"));
    if (parsedDomains.errors.length > 0 || parsedDomains.tooMany) errors.push({ line, key: "import.error.domains" });
    if (slugs.has(slug)) errors.push({ line, key: "import.error.duplicateSlug" });
    if (emails.has(coordinatorEmail)) errors.push({ line, key: "import.error.duplicateEmail" });
    slugs.set(slug, line);
    emails.set(coordinatorEmail, line);
    if (errors.length === before) rows.push({ line, name, slug, coordinatorName, coordinatorEmail, domains: parsedDomains.domains });
  }
  return { rows, errors, tooLarge: false };
}

export type ImportPlan = {
  newOrganisations: { line: number; name: string; slug: string }[];
  updatedOrganisations: { line: number; name: string; slug: string }[];
  newAccounts: { line: number; name: string; email: string; slug: string }[];
  errors: ImportError[];
};

/** The dry run: what applying the rows would change, checked against the database. Writes nothing. */
export async function planImport(rows: ImportRow[], tx: DbOrTx = db()): Promise<ImportPlan> {
  const plan: ImportPlan = { newOrganisations: [], updatedOrganisations: [], newAccounts: [], errors: [] };
  if (rows.length === 0) return plan;
  const orgs = await tx
    .select({ id: organisations.id, slug: organisations.slug, kind: organisations.kind, name: organisations.name, emailDomains: organisations.emailDomains })
    .from(organisations)
    .where(
      inArray(
        organisations.slug,
        rows.map((r) => r.slug),
      ),
    );
  const bySlug = new Map(orgs.map((o) => [o.slug, o]));
  const accounts = await tx
    .select({ email: sql<string>`lower(${users.email})`, organisationId: memberships.organisationId })
    .from(users)
    .leftJoin(memberships, eq(memberships.userId, users.id))
    .where(
      inArray(
        sql`lower(${users.email})`,
        rows.map((r) => r.coordinatorEmail),
      ),
    );
  for (const r of rows) {
    const org = bySlug.get(r.slug);
    if (org && org.kind !== "municipality") {
      plan.errors.push({ line: r.line, key: "import.error.slugNotMunicipality" });
      continue;
    }
    const account = accounts.filter((a) => a.email === r.coordinatorEmail);
    if (account.length > 0 && !(org && account.some((a) => a.organisationId === org.id))) {
      plan.errors.push({ line: r.line, key: "import.error.emailElsewhere" });
      continue;
    }
    if (!org) plan.newOrganisations.push({ line: r.line, name: r.name, slug: r.slug });
    else if (org.name !== r.name || org.emailDomains.join(" ") !== r.domains.join(" ")) {
      plan.updatedOrganisations.push({ line: r.line, name: r.name, slug: r.slug });
    }
    if (account.length === 0) plan.newAccounts.push({ line: r.line, name: r.coordinatorName, email: r.coordinatorEmail, slug: r.slug });
  }
  return plan;
}

export type ImportResult = ImportPlan & { links: { name: string; email: string; url: string }[] };

/**
 * Apply the rows in one transaction: re-planned inside it (so it does what a dry run now
 * would show), refused as a whole (VALIDATION_FAILED) when any row is refused.
 */
export async function applyImport(args: { actor: CurrentUser; rows: ImportRow[]; now: Date }): Promise<ImportResult> {
  const { actor, rows, now } = args;
  return db().transaction(async (tx: Tx) => {
    // One import at a time: two concurrent imports of the same slugs would otherwise race.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('admin.csv-import'))`);
    const plan = await planImport(rows, tx);
    if (plan.errors.length > 0) throw new DomainError("VALIDATION_FAILED", "Some rows cannot be imported.");
    const links: ImportResult["links"] = [];
    const newSlugs = new Set(plan.newOrganisations.map((o) => o.slug));
    const updatedSlugs = new Set(plan.updatedOrganisations.map((o) => o.slug));
    const newEmails = new Set(plan.newAccounts.map((a) => a.email));
    for (const r of rows) {
      let orgId: string;
      if (newSlugs.has(r.slug)) {
        const [org] = await tx
          .insert(organisations)
          .values({ kind: "municipality", slug: r.slug, name: r.name, emailDomains: r.domains, createdAt: now })
          .returning({ id: organisations.id });
        orgId = org!.id;
        await audit(tx, { at: now, actorUserId: actor.id, organisationId: orgId, action: "organisation.imported", subjectType: "organisation", subjectId: orgId, data: { line: r.line } });
      } else {
        const [org] = await tx.select({ id: organisations.id }).from(organisations).where(eq(organisations.slug, r.slug));
        orgId = org!.id;
        if (updatedSlugs.has(r.slug)) {
          await tx.update(organisations).set({ name: r.name, emailDomains: r.domains }).where(eq(organisations.id, orgId));
          await audit(tx, { at: now, actorUserId: actor.id, organisationId: orgId, action: "organisation.import_updated", subjectType: "organisation", subjectId: orgId, data: { line: r.line } });
        }
      }
      if (newEmails.has(r.coordinatorEmail)) {
        const [user] = await tx.insert(users).values({ email: r.coordinatorEmail, name: r.coordinatorName, createdAt: now }).returning({ id: users.id });
        await tx.insert(memberships).values({ userId: user!.id, organisationId: orgId, role: "coordinator", createdAt: now });
        await audit(tx, { at: now, actorUserId: actor.id, organisationId: orgId, action: "user.imported", subjectType: "user", subjectId: user!.id, data: { line: r.line } });
        const link = await issuePasswordLink({ actor, organisationId: orgId, userId: user!.id, now }, tx);
        links.push({ name: r.coordinatorName, email: r.coordinatorEmail, url: link.url });
      }
    }
    return { ...plan, links };
  });
}
