/**
 * The development mailbox (/dev/mail): every outbox row, rendered as it is (or would be)
 * sent. It shows all mail of all users, which is its point on a developer's machine, so
 * it exists only outside production.
 */
import { desc, eq, lt } from "drizzle-orm";
import { type OutboxRow, outbox } from "#db/schema";
import { notFound } from "~/utils/http.server";
import { renderOutboxMessage } from "../../../emails/render";
import type { RenderedMessage } from "../../../emails/types";
import { db } from "../../utils/db.server";
import { env } from "../../utils/env.server";
import { renderContexts, withSendTimeLinks } from "./messages.server";

export function devMailEnabled(): boolean {
  return env().NODE_ENV !== "production";
}

/**
 * Routes: 404 in production, and to anyone but a loopback client (the HTTP layer decides
 * `context.devMail`), as if the mailbox did not exist: it shows set-password and attendee links.
 */
export function requireDevMail(context: { devMail?: boolean }): void {
  if (!devMailEnabled() || !context.devMail) notFound();
}

export type DevMailStatus = "sent" | "pending" | "failed";

export type DevMailItem = {
  id: number;
  topic: string;
  recipientEmail: string;
  recipientName: string | null;
  createdAt: Date;
  sentAt: Date | null;
  status: DevMailStatus;
  attempts: number;
  lastError: string | null;
  messageId: string | null;
  subject: string | null;
  /** Why the row can't be rendered (unknown topic, broken payload). */
  renderError: string | null;
  icsMethod: "REQUEST" | "CANCEL" | null;
};

function statusOf(row: OutboxRow): DevMailStatus {
  if (row.sentAt) return "sent";
  if (row.failedAt) return "failed";
  return "pending";
}

async function render(rows: OutboxRow[]): Promise<{ row: OutboxRow; message: RenderedMessage | null; error: string | null }[]> {
  const contexts = await renderContexts(rows);
  return rows.map((row) => {
    try {
      return { row, message: renderOutboxMessage(withSendTimeLinks(row), contexts.get(row.id)!), error: null };
    } catch (e) {
      return { row, message: null, error: e instanceof Error ? e.message : String(e) };
    }
  });
}

function item(r: { row: OutboxRow; message: RenderedMessage | null; error: string | null }): DevMailItem {
  const { row, message } = r;
  return {
    id: row.id,
    topic: row.topic,
    recipientEmail: row.recipientEmail,
    recipientName: row.recipientName,
    createdAt: row.createdAt,
    sentAt: row.sentAt,
    status: statusOf(row),
    attempts: row.attempts,
    lastError: row.lastError,
    messageId: row.messageId,
    subject: message?.subject ?? null,
    renderError: r.error,
    icsMethod: message?.icalEvent?.method ?? null,
  };
}

/** Newest first, a page at a time (`before`: the last id of the previous page). */
export async function listDevMail(args: { before?: number; limit?: number } = {}): Promise<{
  items: DevMailItem[];
  nextBefore: number | null;
}> {
  const limit = Math.min(Math.max(args.limit ?? 50, 1), 200);
  const rows = await db()
    .select()
    .from(outbox)
    .where(args.before ? lt(outbox.id, args.before) : undefined)
    .orderBy(desc(outbox.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const rendered = await render(page);
  return { items: rendered.map(item), nextBefore: rows.length > limit ? page[page.length - 1]!.id : null };
}

export async function getDevMail(id: number): Promise<{
  item: DevMailItem;
  message: RenderedMessage | null;
  payload: Record<string, unknown>;
  from: string;
} | null> {
  const [row] = await db().select().from(outbox).where(eq(outbox.id, id));
  if (!row) return null;
  const [r] = await render([row]);
  return { item: item(r!), message: r!.message, payload: row.payload, from: env().MAIL_FROM };
}

/** "12" → 12; anything else (including "12abc", "0", huge numbers) → null. */
export function parseMailId(value: string | undefined): number | null {
  if (!value || !/^[1-9]\d{0,15}$/.test(value)) return null;
  const n = Number(value);
  return Number.isSafeInteger(n) ? n : null;
}
