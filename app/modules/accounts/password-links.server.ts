/**
 * Set-password links whose secret is never stored: the token is an HMAC over the link's
 * row id with a key derived from SESSION_SECRET. The database keeps the row id (in
 * password_tokens and in the outbox payload) and the token's SHA-256; only a process that
 * knows the server key can turn an id into a working link. So the mail is built at send
 * time from `{ linkId }`, and a database dump alone lets nobody set a password.
 * Rotating SESSION_SECRET invalidates every link not yet used (they expire in 7 days anyway).
 */
import { createHmac } from "node:crypto";
import { env } from "../../utils/env.server";

function key(): Buffer {
  // A key of its own, derived from the server secret (domain-separated from the attendee links).
  return createHmac("sha256", env().sessionSecret).update("expertenpool:password-link-key:v1").digest();
}

/** The link's token: 43 base64url characters, the same shape as before. */
export function passwordLinkToken(linkId: string): string {
  return createHmac("sha256", key()).update(linkId.toLowerCase()).digest("base64url");
}

export function passwordLinkUrl(linkId: string, appUrl: string = env().appUrl): string {
  return `${appUrl.replace(/\/$/, "")}/set-password/${passwordLinkToken(linkId)}`;
}
