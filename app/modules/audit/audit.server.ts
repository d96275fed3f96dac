import type { DbOrTx } from "#db/client";
import { auditLog } from "#db/schema";

export type AuditEntry = {
  /** The user who did it; null for anonymous actions (e.g. a failed login for an unknown e-mail). */
  actorUserId: string | null;
  organisationId?: string | null;
  /** Dotted name: "user.login", "token.revoked", … */
  action: string;
  subjectType?: string | null;
  subjectId?: string | null;
  data?: Record<string, unknown>;
  at: Date;
};

// Secrets never belong in the audit log, whatever a caller passes by mistake.
const secretKeys = /^(password|passwordHash|password_hash|token|tokenHash|token_hash|secret|calendarSecret)$/i;

function scrub(data: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(data).filter(([key]) => !secretKeys.test(key)));
}

/** The row for an entry (also for callers that insert it in a larger statement). */
export function auditRow(entry: AuditEntry) {
  return {
    at: entry.at,
    actorUserId: entry.actorUserId,
    organisationId: entry.organisationId ?? null,
    action: entry.action,
    subjectType: entry.subjectType ?? null,
    subjectId: entry.subjectId ?? null,
    data: scrub(entry.data ?? {}),
  };
}

/** Append one row to the audit log, inside the caller's transaction. */
export async function audit(tx: DbOrTx, entry: AuditEntry): Promise<void> {
  await tx.insert(auditLog).values(auditRow(entry));
}
