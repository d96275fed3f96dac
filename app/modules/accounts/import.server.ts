/**
 * CSV import of municipalities with their coordinators (issue #13): parse (bounded), check
 * row by row, plan (the dry run: what would change, nothing written) and apply rows, audited;
 * new coordinators get a set-password link like the operator's "new account" flow. Applying
 * a whole file is a background job in chunks (import-jobs.server.ts, ADR 0062).
 */
import { eq, inArray, sql } from "drizzle-orm";
import type { DbOrTx, Tx } from "#db/client";
import { auditLog, memberships, organisations, users } from "#db/schema";
import { db } from "../../utils/db.server";
import { type AuditEntry, auditRow } from "../audit/audit.server";
import { parseEmailDomains } from "../bookings/email-domains.server";
import { issueFirstPasswordLinks } from "./admin.server";

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
  | "import.error.emailElsewhere"
  | "import.error.failed";
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

export type AppliedRows = { newOrganisations: number; updatedOrganisations: number; newAccounts: number; errors: ImportError[] };

/**
 * Apply checked rows inside the caller's transaction (one chunk of an import job): each
 * row is planned again against the database as it is now, so a row that something else
 * made impossible since the check is refused with its error and the others go through.
 * New coordinators get their first set-password link and its mail (through the outbox),
 * in the same transaction: a chunk that does not commit leaves no account and no mail.
 */
export async function applyImportRows(tx: Tx, args: { actorId: string | null; rows: ImportRow[]; now: Date }): Promise<AppliedRows> {
  const { actorId, rows, now } = args;
  const plan = await planImport(rows, tx);
  const refused = new Set(plan.errors.map((e) => e.line));
  const ok = rows.filter((r) => !refused.has(r.line));
  const newSlugs = new Set(plan.newOrganisations.map((o) => o.slug));
  const updatedSlugs = new Set(plan.updatedOrganisations.map((o) => o.slug));
  const newEmails = new Set(plan.newAccounts.map((a) => a.email));
  const orgIds = new Map<string, string>();
  const created = ok.filter((r) => newSlugs.has(r.slug));
  if (created.length > 0) {
    const inserted = await tx
      .insert(organisations)
      .values(created.map((r) => ({ kind: "municipality" as const, slug: r.slug, name: r.name, emailDomains: r.domains, createdAt: now })))
      .returning({ id: organisations.id, slug: organisations.slug });
    for (const o of inserted) orgIds.set(o.slug, o.id);
  }
  const existing = ok.filter((r) => !newSlugs.has(r.slug));
  if (existing.length > 0) {
    const found = await tx
      .select({ id: organisations.id, slug: organisations.slug })
      .from(organisations)
      .where(
        inArray(
          organisations.slug,
          existing.map((r) => r.slug),
        ),
      );
    for (const o of found) orgIds.set(o.slug, o.id);
  }
  const audits: AuditEntry[] = [];
  for (const r of ok) {
    const orgId = orgIds.get(r.slug)!;
    if (newSlugs.has(r.slug)) {
      audits.push({ at: now, actorUserId: actorId, organisationId: orgId, action: "organisation.imported", subjectType: "organisation", subjectId: orgId, data: { line: r.line } });
    } else if (updatedSlugs.has(r.slug)) {
      await tx.update(organisations).set({ name: r.name, emailDomains: r.domains }).where(eq(organisations.id, orgId));
      audits.push({ at: now, actorUserId: actorId, organisationId: orgId, action: "organisation.import_updated", subjectType: "organisation", subjectId: orgId, data: { line: r.line } });
    }
  }
  const coordinators = ok.filter((r) => newEmails.has(r.coordinatorEmail));
  const accounts: { userId: string; organisationId: string; email: string; name: string }[] = [];
  if (coordinators.length > 0) {
    const inserted = await tx
      .insert(users)
      .values(coordinators.map((r) => ({ email: r.coordinatorEmail, name: r.coordinatorName, createdAt: now })))
      .returning({ id: users.id, email: users.email });
    const ids = new Map(inserted.map((u) => [u.email, u.id]));
    for (const r of coordinators) {
      const userId = ids.get(r.coordinatorEmail)!;
      const organisationId = orgIds.get(r.slug)!;
      accounts.push({ userId, organisationId, email: r.coordinatorEmail, name: r.coordinatorName });
      audits.push({ at: now, actorUserId: actorId, organisationId, action: "user.imported", subjectType: "user", subjectId: userId, data: { line: r.line } });
    }
    await tx.insert(memberships).values(accounts.map((a) => ({ userId: a.userId, organisationId: a.organisationId, role: "coordinator" as const, createdAt: now })));
  }
  if (audits.length > 0) await tx.insert(auditLog).values(audits.map(auditRow));
  await issueFirstPasswordLinks(tx, { actorId, accounts, now });
  return {
    newOrganisations: created.length,
    updatedOrganisations: ok.filter((r) => updatedSlugs.has(r.slug)).length,
    newAccounts: accounts.length,
    errors: plan.errors,
  };
}
