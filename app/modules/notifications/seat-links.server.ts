/**
 * A seat's personal links, /<purpose>/<token> (/attend/…, /evaluate/…). The token is the seat id
 * plus an HMAC-SHA256 over it with SESSION_SECRET, both base64url: `<22 chars seat id>.<43
 * chars MAC>`. Derived, never stored. The purpose is part of the MAC, so a token made for
 * one link never fits another (ADR 0031). Rotating SESSION_SECRET invalidates
 * every link already mailed.
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import { eq, type SQL } from "drizzle-orm";
import type { DbOrTx } from "#db/client";
import { organisations, seats, sessions } from "#db/schema";
import { isUuid } from "~/utils/uuid";
import { env } from "../../utils/env.server";

const tokenPattern = /^[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}$/;

function encodeId(seatId: string): string {
  return Buffer.from(seatId.replace(/-/g, ""), "hex").toString("base64url");
}

function decodeId(part: string): string | null {
  const bytes = Buffer.from(part, "base64url");
  if (bytes.length !== 16) return null;
  const hex = bytes.toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** One kind of personal link ("attend", "evaluate"): its token, the token's check and the link. */
export function seatLinks(purpose: string) {
  const mac = (seatId: string) =>
    createHmac("sha256", env().sessionSecret).update(`expertenpool:${purpose}:v1:${seatId}`).digest("base64url");

  function token(seatId: string): string {
    const id = seatId.toLowerCase();
    if (!isUuid(id)) throw new Error(`Not a seat id: ${seatId}`);
    return `${encodeId(id)}.${mac(id)}`;
  }

  /** The seat id the token was made for, or null for anything else (constant-time comparison). */
  function verify(given: string): string | null {
    if (typeof given !== "string" || !tokenPattern.test(given)) return null;
    const seatId = decodeId(given.slice(0, 22));
    if (!seatId) return null;
    // Compare the whole canonical token, so non-canonical base64 spellings of the same bytes fail too.
    const expected = Buffer.from(token(seatId));
    const actual = Buffer.from(given);
    if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) return null;
    return seatId;
  }

  function url(seatId: string, appUrl: string = env().appUrl): string {
    return `${appUrl.replace(/\/$/, "")}/${purpose}/${token(seatId)}`;
  }

  return { token, verify, url };
}

/** Seats as a personal link and its mails show them: each with its session and the provider's name. */
export function seatsWithSession(tx: DbOrTx, where: SQL) {
  return tx
    .select({ seat: seats, session: sessions, providerName: organisations.name })
    .from(seats)
    .innerJoin(sessions, eq(sessions.id, seats.sessionId))
    .innerJoin(organisations, eq(organisations.id, sessions.providerId))
    .where(where);
}
